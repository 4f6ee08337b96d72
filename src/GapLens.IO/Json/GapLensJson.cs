using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using GapLens.Core.Runs;

namespace GapLens.IO.Json;

/// <summary>
/// Serialising GapLens' own JSON: snake_case keys, enums as snake_case strings, non-ASCII written as
/// is, two-space indentation, "\n" line ends, nulls written (an undefined value is an explicit null),
/// metadata from the source-generated <see cref="GapLensJsonContext"/> (no reflection).
/// </summary>
public static class GapLensJson
{
    public static JsonSerializerOptions Options { get; } = Create(indented: true);

    /// <summary>One line per document (JSONL, log lines).</summary>
    public static JsonSerializerOptions Compact { get; } = Create(indented: false);

    /// <summary>
    /// The same rules over the source-generated context of a library whose types this assembly cannot
    /// see (dependencies point inward: GapLens.Perception's results): one set of rules for every JSON
    /// file GapLens writes, with the library's metadata beside <see cref="GapLensJsonContext"/>'s.
    /// </summary>
    /// <param name="context">The library's source-generated metadata.</param>
    /// <param name="enums">A converter for each enum its types hold (<see cref="EnumAsName{TEnum}"/>).</param>
    public static JsonSerializerOptions With(IJsonTypeInfoResolver context, params JsonConverter[] enums) => Create(indented: true, context, enums);

    /// <summary>
    /// An enum written as its snake_case name (integers refused when read). One converter per enum,
    /// not JsonStringEnumConverter's factory for all: ./gaplens is compiled ahead of time (Native AOT),
    /// where the factory's converter, made for each enum type at run time, may not exist. A test
    /// walks every type the contexts reach and fails on an enum left without its own.
    /// </summary>
    public static JsonConverter EnumAsName<TEnum>()
        where TEnum : struct, Enum => new JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);

    /// <summary>The enums of <see cref="GapLensJsonContext"/>'s types.</summary>
    private static JsonConverter[] OwnEnums() =>
    [
        EnumAsName<RunStatus>(),
        EnumAsName<RunFileKind>(),
        EnumAsName<Core.Reports.Tone>(),
        EnumAsName<Core.Reports.Direction>(),
        EnumAsName<Core.Reports.NumberStyle>(),
        EnumAsName<Core.Results.SampleOutcome>(),
    ];

    private static JsonSerializerOptions Create(bool indented, IJsonTypeInfoResolver? context = null, JsonConverter[]? enums = null)
    {
        var o = new JsonSerializerOptions
        {
            TypeInfoResolver = context is null ? GapLensJsonContext.Default : JsonTypeInfoResolver.Combine(GapLensJsonContext.Default, context),
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            WriteIndented = indented,
            NewLine = "\n",
            IndentSize = 2,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            NumberHandling = JsonNumberHandling.Strict,
            AllowDuplicateProperties = false,
            RespectNullableAnnotations = true,
        };
        foreach (var c in OwnEnums().Concat(enums ?? [])) o.Converters.Add(c);
        MakeReadOnly(o);
        return o;
    }

    /// <summary>Freezes the options without adding the reflection resolver (populateMissingResolver:
    /// false): the trimming/AOT annotation is on the method, not on this use of it.</summary>
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "populateMissingResolver is false: no reflection-based metadata is added")]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "populateMissingResolver is false: no reflection-based metadata is added")]
    private static void MakeReadOnly(JsonSerializerOptions o)
    {
        o.MakeReadOnly(populateMissingResolver: false);
    }

    private static JsonTypeInfo<T> Info<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));

    public static byte[] Serialize<T>(T value, bool indented = true) => Serialize(value, indented ? Options : Compact);

    /// <summary>Serialises with options made by <see cref="With"/> (indented documents end in a newline).</summary>
    public static byte[] Serialize<T>(T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, Info<T>(options));
        if (!options.WriteIndented) return bytes;
        var withNewline = new byte[bytes.Length + 1];
        bytes.CopyTo(withNewline, 0);
        withNewline[^1] = (byte)'\n';
        return withNewline;
    }

    public static string SerializeToString<T>(T value, bool indented = true) => System.Text.Encoding.UTF8.GetString(Serialize(value, indented));

    public static void Serialize<T>(Stream stream, T value)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Serialize(value));
    }

    /// <summary>Reads a document; a malformed one throws <see cref="JsonException"/> for the caller to word.</summary>
    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize(utf8, Info<T>(Options));

    public static RunManifest? ReadManifest(ReadOnlySpan<byte> utf8) => Deserialize<RunManifest>(utf8);
}
