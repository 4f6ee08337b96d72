using System.Text.Json;
using GapLens.IO.Json;

namespace GapLens.Perception;

/// <summary>
/// How Perception results are written as JSON: <see cref="GapLensJson"/>'s rules (snake_case names,
/// enums as snake_case strings, nulls written, invariant numbers, UTF-8 without escaping non-ASCII
/// text) over the source-generated metadata of the result records (<see cref="PerceptionJsonContext"/>;
/// GapLens.IO cannot see these types, so they cannot be registered in its context). Undefined values
/// are null beside their reason; a NaN or infinity reaching the writer is a bug and throws.
/// </summary>
public static class PerceptionJson
{
    public static JsonSerializerOptions Options { get; } = GapLensJson.With(PerceptionJsonContext.Default,
        GapLensJson.EnumAsName<Scoring.ScoringMode>(),
        GapLensJson.EnumAsName<Scoring.CategoryKind>(),
        GapLensJson.EnumAsName<Scoring.FlipDirection>(),
        GapLensJson.EnumAsName<Attention.FrameMatching>(),
        GapLensJson.EnumAsName<Attention.OverlayKind>(),
        GapLensJson.EnumAsName<Attention.LocalisationMetric>(),
        GapLensJson.EnumAsName<Confidence.ConfidenceSignal>(),
        GapLensJson.EnumAsName<Statistics.BinStrategy>());

    public static void Write<T>(Stream stream, T value)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(GapLensJson.Serialize(value, Options));
    }

    /// <summary>The document as UTF-8, ending in a newline.</summary>
    public static byte[] ToBytes<T>(T value) => GapLensJson.Serialize(value, Options);

    /// <summary>The document, ending in a newline.</summary>
    public static string Serialize<T>(T value) => System.Text.Encoding.UTF8.GetString(GapLensJson.Serialize(value, Options));
}
