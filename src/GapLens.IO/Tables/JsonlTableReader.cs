using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using GapLens.Core;
using GapLens.IO.Files;
using GapLens.Core.Json;

namespace GapLens.IO.Tables;

/// <summary>
/// JSON Lines (one object per line) streamed into an <see cref="ITableSink"/>: nested objects are
/// flattened with '.' ("metadata": {"model": "a"} is the column metadata.model), arrays of scalars are
/// list cells, arrays holding objects or arrays are left out. A line that is not a JSON object is a
/// user error naming the line. A file whose first character is '[' is one JSON array of objects
/// (e.g. vlm_bcq's predictions.json), streamed item by item (memory: the largest item); each row's
/// line is the line its object starts on.
/// </summary>
internal static class JsonlTableReader
{
    public static void Read(string path, ITableSink sink, CancellationToken ct)
    {
        using var stream = InputFile.OpenForReading(path, "table", "a JSON Lines file");
        if (StartsWithArray(stream))
        {
            JsonArrayTableReader.Read(path, stream, sink, ct);
            return;
        }
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new List<string>();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            long line = 0;
            while (text.ReadLine() is { } s)
            {
                line++;
                if ((line & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                if (string.IsNullOrWhiteSpace(s)) continue;
                int max = Encoding.UTF8.GetMaxByteCount(s.Length);
                if (max > buffer.Length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(max);
                }
                int n = Encoding.UTF8.GetBytes(s, buffer);
                var reader = new Utf8JsonReader(buffer.AsSpan(0, n));
                sink.BeginRow(line);
                try
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                    {
                        string first = s.TrimStart().Length > 0 ? s.TrimStart()[..1] : "";
                        throw new UserInputException(first == "["
                            ? $"{path}:{line}: a JSON array; expected JSON Lines (one object per line)"
                            : $"{path}:{line}: not a JSON object (expected one object per line)");
                    }
                    Object(ref reader, "", sink, columns, items);
                    if (reader.Read()) throw new UserInputException($"{path}:{line}: more than one JSON value on the line");
                }
                catch (JsonException ex)
                {
                    throw new UserInputException($"{path}:{line}: not valid JSON ({JsonErrorText.Of(ex)})");
                }
                sink.EndRow();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Whether the first character after white space (and a byte order mark) is '['; the stream
    /// is rewound when it can seek (a pipe is read as JSON Lines).</summary>
    private static bool StartsWithArray(FileStream stream)
    {
        if (!stream.CanSeek) return false;
        Span<byte> head = stackalloc byte[512];
        int n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var h = head[..n];
        if (h.StartsWith("\uFEFF"u8)) h = h[3..];
        int i = h.IndexOfAnyExcept(" \t\r\n"u8);
        return i >= 0 && h[i] == (byte)'[';
    }

    internal static int ColumnOf(string name, ITableSink sink, Dictionary<string, int> columns)
    {
        if (!columns.TryGetValue(name, out int c))
        {
            c = sink.Column(name);
            columns[name] = c;
        }
        return c;
    }

    internal static void Object(ref Utf8JsonReader reader, string prefix, ITableSink sink, Dictionary<string, int> columns, List<string> items)
    {
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = prefix + reader.GetString();
            reader.Read();
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    Object(ref reader, name + ".", sink, columns, items);
                    break;
                case JsonTokenType.StartArray:
                    items.Clear();
                    bool scalars = true;
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            scalars = false;
                            reader.Skip();
                        }
                        else if (Scalar(ref reader) is { } item)
                        {
                            items.Add(item);
                        }
                    }
                    int lc = scalars ? ColumnOf(name, sink, columns) : -1;
                    if (lc >= 0) sink.List(lc, items);
                    break;
                default:
                    int c = ColumnOf(name, sink, columns);
                    if (c < 0) break;
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.String:
                            sink.Text(c, reader.GetString());
                            break;
                        case JsonTokenType.Number:
                            sink.Number(c, reader.GetDouble());
                            break;
                        case JsonTokenType.True or JsonTokenType.False:
                            sink.Bool(c, reader.TokenType == JsonTokenType.True);
                            break;
                        default:
                            sink.Null(c);
                            break;
                    }
                    break;
            }
        }
    }

    /// <summary>An array item as text (numbers in shortest round-trip form); null for a JSON null.</summary>
    private static string? Scalar(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => reader.GetDouble().ToString("R", CultureInfo.InvariantCulture),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => null,
    };
}
