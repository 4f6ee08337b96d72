using System.Buffers;
using System.Text.Json;
using GapLens.Core;
using GapLens.Core.Json;

namespace GapLens.IO.Tables;

/// <summary>
/// A JSON file holding one array of objects (vlm_bcq's predictions.json, notebook exports) streamed into
/// an <see cref="ITableSink"/> item by item: a resumable reader over a buffer finds each object whole
/// (the buffer grows to the largest item, no further), which is then flattened as a JSON Lines row is
/// (<see cref="JsonlTableReader"/>). A row's line is the line its object starts on; an item that is not
/// an object, invalid JSON, an array that never closes or anything but white space after its closing
/// bracket (Python's json.load: "Extra data") is a user error naming the file and line.
/// </summary>
internal static class JsonArrayTableReader
{
    public static void Read(string path, Stream stream, ITableSink sink, CancellationToken ct)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var items = new List<string>();
        byte[] buf = ArrayPool<byte>.Shared.Rent(1 << 16);
        int start = 0, end = 0;
        bool eof = false, inArray = false, bomChecked = false;
        long line = 1; // the line of buf[start]
        long rows = 0;
        var state = new JsonReaderState();
        try
        {
            while (true)
            {
                var reader = new Utf8JsonReader(buf.AsSpan(start, end - start), eof, state);
                int consumed = 0, counted = 0;
                long lineAt = line; // the line of buf[start + counted]
                var good = state;
                bool finished = false;
                int closedAt = 0;
                try
                {
                    while (true)
                    {
                        var before = reader.CurrentState;
                        int beforeAt = (int)reader.BytesConsumed;
                        if (!reader.Read()) break;
                        if (!inArray)
                        {
                            if (reader.TokenType != JsonTokenType.StartArray) throw new UserInputException($"{path}:{line}: not a JSON array of objects");
                            inArray = true;
                            consumed = (int)reader.BytesConsumed;
                            good = reader.CurrentState;
                            continue;
                        }
                        if (reader.TokenType == JsonTokenType.EndArray)
                        {
                            finished = true;
                            closedAt = (int)reader.BytesConsumed;
                            break;
                        }
                        int itemStart = (int)reader.TokenStartIndex;
                        lineAt += buf.AsSpan(start + counted, itemStart - counted).Count((byte)'\n');
                        counted = itemStart;
                        if (reader.TokenType != JsonTokenType.StartObject) throw new UserInputException($"{path}:{lineAt}: an array item that is not a JSON object (expected an array of objects)");
                        if (!reader.TrySkip())
                        {
                            // The object is not all in the buffer: read on from just before it.
                            consumed = beforeAt;
                            good = before;
                            break;
                        }
                        int itemEnd = (int)reader.BytesConsumed;
                        var row = new Utf8JsonReader(buf.AsSpan(start + itemStart, itemEnd - itemStart));
                        row.Read();
                        sink.BeginRow(lineAt);
                        JsonlTableReader.Object(ref row, "", sink, columns, items);
                        sink.EndRow();
                        if ((++rows & 0xFFF) == 0) ct.ThrowIfCancellationRequested();
                        consumed = itemEnd;
                        good = reader.CurrentState;
                    }
                }
                catch (JsonException ex)
                {
                    throw new UserInputException($"{path}:{line + (ex.LineNumber ?? 0)}: not valid JSON ({JsonErrorText.Of(ex)})");
                }
                if (finished)
                {
                    OnlyWhiteSpaceAfter(path, stream, buf, start + closedAt, end, line + buf.AsSpan(start, closedAt).Count((byte)'\n'));
                    return;
                }
                line += buf.AsSpan(start, consumed).Count((byte)'\n');
                start += consumed;
                state = good;
                if (eof) throw new UserInputException($"{path}: the file ends inside the JSON array (no closing ']')");
                if (start > 0)
                {
                    Buffer.BlockCopy(buf, start, buf, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buf.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buf.Length * 2);
                    Buffer.BlockCopy(buf, 0, bigger, 0, end);
                    ArrayPool<byte>.Shared.Return(buf);
                    buf = bigger;
                }
                int n = stream.Read(buf, end, buf.Length - end);
                if (n == 0) eof = true;
                end += n;
                if (!bomChecked && end >= 3)
                {
                    bomChecked = true;
                    if (buf.AsSpan(0, 3).SequenceEqual("\uFEFF"u8)) start = 3;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buf);
        }
    }

    /// <summary>The rest of the file after the array's ']' (from buf[from], on line <paramref name="line"/>)
    /// must be white space: a second array or stray text would otherwise be silently ignored.</summary>
    private static void OnlyWhiteSpaceAfter(string path, Stream stream, byte[] buf, int from, int end, long line)
    {
        while (true)
        {
            var rest = buf.AsSpan(from, end - from);
            int bad = rest.IndexOfAnyExcept(" \t\r\n"u8);
            if (bad >= 0)
            {
                throw new UserInputException($"{path}:{line + rest[..bad].Count((byte)'\n')}: more after the closing ']' of the JSON array " +
                    "(a .json table is one array of objects; for one object per line use .jsonl)");
            }
            line += rest.Count((byte)'\n');
            int n = stream.Read(buf, 0, buf.Length);
            if (n == 0) return;
            from = 0;
            end = n;
        }
    }
}
