using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace GapLens.Perception;

/// <summary>
/// How Perception results are written as JSON: snake_case names, enums as snake_case strings,
/// invariant shortest round-trip numbers, UTF-8 without escaping non-ASCII text. Undefined values are
/// null beside their reason; a NaN or infinity reaching the writer is a bug and throws. The result
/// records have source-generated serialisers; other types fall back to reflection.
/// </summary>
public static class PerceptionJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = JsonNumberHandling.Strict,
            TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
                PerceptionJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()),
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        o.MakeReadOnly();
        return o;
    }

    public static void Write<T>(Stream stream, T value) => JsonSerializer.Serialize(stream, value, Options);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);
}
