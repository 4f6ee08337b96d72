using System.Buffers;
using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GapLens.IO.Json;

/// <summary>
/// What the hand-written document writers (<see cref="ReportJson"/>, <see cref="RunManifestJson"/>)
/// share with each other and with <see cref="GapLensJson"/>'s serializer options: the writer settings
/// (two-space indentation, "\n", non-ASCII written as is) and the trailing newline of an indented
/// document.
/// </summary>
internal static class JsonWalk
{
    private static readonly JsonWriterOptions IndentedOptions = Options(indented: true);
    private static readonly JsonWriterOptions CompactOptions = Options(indented: false);

    private static JsonWriterOptions Options(bool indented) => new()
    {
        Indented = indented,
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Runs <paramref name="write"/> over one writer; an indented document ends in a newline.</summary>
    public static byte[] ToBytes<T>(T value, bool indented, int capacity, Action<Utf8JsonWriter, T> write)
    {
        var buffer = new ArrayBufferWriter<byte>(capacity);
        using (var w = new Utf8JsonWriter(buffer, indented ? IndentedOptions : CompactOptions))
        {
            write(w, value);
        }
        int n = buffer.WrittenCount;
        var bytes = new byte[indented ? n + 1 : n];
        buffer.WrittenSpan.CopyTo(bytes);
        if (indented) bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>A default (uninitialised) array is a bug in whatever built the document; the serializer
    /// failed on one too, so this names the property rather than writing something.</summary>
    public static ImmutableArray<T> Items<T>(ImmutableArray<T> values, string document, string name) =>
        values.IsDefault ? throw new InvalidOperationException($"{document}: '{name}' is an uninitialised array") : values;
}
