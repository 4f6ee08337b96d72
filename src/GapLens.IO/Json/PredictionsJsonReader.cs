using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GapLens.Core;
using GapLens.Core.Json;
using GapLens.Core.Mining.Bcq;

namespace GapLens.IO.Json;

/// <summary>
/// Streams a vlm_bcq predictions file (a JSON array of objects) item by item without building a DOM,
/// so memory stays bounded by the largest single item. It keeps the TAO tool's order of complaints:
/// the whole file must be valid JSON first (a syntax error anywhere wins), then the first item that is
/// not an object or lacks <c>gt</c>, <c>response</c> or <c>video_id</c> (checked in that order) is
/// reported. Items before a validation error are still yielded; the error is thrown when the end of
/// the file is reached, so callers must not write anything until enumeration completes.
/// </summary>
public sealed class PredictionsJsonReader : IDisposable
{
    private const int InitialBuffer = 1 << 20;
    private static readonly string[] RequiredKeys = ["gt", "response", "video_id"];

    private readonly string _path;
    private readonly FileStream _stream;
    private byte[] _buf = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int _start;
    private int _end;
    private bool _eof;
    private JsonReaderState _state;
    private long _lineBase; // 0-based line number of _buf[_start]
    private long _index;
    private Phase _phase = Phase.BeforeArray;
    private string? _deferredError;
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private string? _digest;

    private enum Phase
    {
        BeforeArray,
        InArray,
        AfterArray,
        Done,
    }

    public PredictionsJsonReader(string path)
    {
        _path = path;
        _stream = OpenForReading(path, "predictions_json");
        Length = _stream.Length;
    }

    /// <summary>Total size of the file in bytes.</summary>
    public long Length { get; }

    /// <summary>SHA-256 of the whole file (hex), available once the array has been read to the end.</summary>
    public string? Sha256 => _digest;

    /// <summary>Bytes of the file consumed so far (for progress reporting).</summary>
    public long Position => _stream.Position - (_end - _start);

    /// <summary>Opens a file for sequential reading, turning the usual failures into user errors.</summary>
    public static FileStream OpenForReading(string path, string what)
    {
        if (Directory.Exists(path)) throw new UserInputException($"{what} {path} is a directory; expected a file.");
        if (!File.Exists(path)) throw new UserInputException($"FileNotFoundError: {what} not found: {path}");
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (UnauthorizedAccessException)
        {
            throw new UserInputException($"PermissionError: cannot read {what} {path}: permission denied.");
        }
        catch (IOException ex)
        {
            throw new UserInputException($"cannot read {what} {path}: {ex.Message}");
        }
    }

    public IEnumerable<Prediction> ReadAll()
    {
        while (TryReadNext(out var p))
        {
            yield return p;
        }
    }

    /// <summary>Reads the next valid prediction; false at the end of the array.</summary>
    public bool TryReadNext(out Prediction prediction)
    {
        while (true)
        {
            if (_phase == Phase.Done)
            {
                if (_deferredError is not null) throw new UserInputException(_deferredError);
                prediction = null!;
                return false;
            }
            var reader = new Utf8JsonReader(_buf.AsSpan(_start, _end - _start), _eof, _state);
            Step step;
            Prediction? item;
            try
            {
                step = TryStep(ref reader, out item);
            }
            catch (JsonException ex)
            {
                throw SyntaxError(ex);
            }
            catch (InvalidOperationException ex)
            {
                throw new UserInputException($"predictions_json {_path} line {_lineBase + 1 + CountLines(reader.TokenStartIndex)}: {ex.Message}");
            }
            if (step == Step.NeedMore)
            {
                if (_eof) throw new UserInputException($"predictions_json {_path} is not valid JSON: unexpected end of file (truncated?).");
                Refill();
                continue;
            }
            Advance((int)reader.BytesConsumed, reader.CurrentState);
            if (step == Step.Item)
            {
                prediction = item!;
                return true;
            }
        }
    }

    private enum Step
    {
        NeedMore,
        Progress,
        Item,
    }

    private Step TryStep(ref Utf8JsonReader r, out Prediction? item)
    {
        item = null;
        switch (_phase)
        {
            case Phase.BeforeArray:
                if (_eof && IsBlank(_buf.AsSpan(_start, _end - _start)))
                {
                    throw new UserInputException($"predictions_json {_path} is empty; expected a JSON array of prediction objects.");
                }
                if (!r.Read()) return Step.NeedMore;
                if (r.TokenType != JsonTokenType.StartArray)
                {
                    // Python parses the whole document first; a broken document is a syntax error.
                    var topLevel = r.TokenType;
                    if (!r.TrySkip()) return _eof ? throw SyntaxAtEnd() : Step.NeedMore;
                    ExpectEnd(ref r);
                    throw new UserInputException($"predictions_json must be a JSON array of prediction objects (got {Describe(topLevel)} in {_path}).");
                }
                _phase = Phase.InArray;
                return Step.Progress;

            case Phase.InArray:
                if (!r.Read()) return Step.NeedMore;
                if (r.TokenType == JsonTokenType.EndArray)
                {
                    _phase = Phase.AfterArray;
                    return Step.Progress;
                }
                long line = _lineBase + 1 + CountLines(r.TokenStartIndex);
                if (r.TokenType != JsonTokenType.StartObject)
                {
                    var type = r.TokenType;
                    if (!r.TrySkip()) return Step.NeedMore;
                    Defer($"predictions_json item {_index} is not an object (got {Describe(type)} at {_path}:{line})");
                    _index++;
                    return Step.Progress;
                }
                if (!TryReadItem(ref r, out var fields)) return Step.NeedMore;
                long index = _index++;
                if (_deferredError is not null) return Step.Progress; // after an error only the syntax is checked
                foreach (string key in RequiredKeys)
                {
                    if (!fields.ContainsKey(key))
                    {
                        Defer($"predictions_json item {index}: missing '{key}' (at {_path}:{line})");
                        return Step.Progress;
                    }
                }
                if (fields["video_id"] is not PyJsonString videoId)
                {
                    Defer($"predictions_json item {index}: 'video_id' must be a string, got {fields["video_id"].TypeName} (at {_path}:{line})");
                    return Step.Progress;
                }
                item = new Prediction(index, videoId.Value, fields["response"], fields["gt"],
                    fields.TryGetValue("question", out var q) ? q : new PyJsonString(""));
                return Step.Item;

            case Phase.AfterArray:
                ExpectEnd(ref r);
                if (!_eof) return Step.NeedMore;
                _phase = Phase.Done;
                return Step.Progress;

            default:
                throw new InvalidOperationException("reader already finished");
        }
    }

    /// <summary>Nothing but whitespace may follow the top-level value (the reader throws otherwise).</summary>
    private static void ExpectEnd(ref Utf8JsonReader r)
    {
        while (r.Read())
        {
            // A second top-level value makes Utf8JsonReader throw a JsonException.
        }
    }

    private UserInputException SyntaxAtEnd() =>
        new($"predictions_json {_path} is not valid JSON: unexpected end of file (truncated?).");

    private void Defer(string message) => _deferredError ??= message;

    private static string Describe(JsonTokenType t) => t switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => t.ToString(),
    };

    /// <summary>Reads the members of an object whose StartObject was just read. Only the keys the rule
    /// uses are materialised; other values are skipped. Later duplicates win, as in a Python dict.</summary>
    private static bool TryReadItem(ref Utf8JsonReader r, out Dictionary<string, PyJsonValue> fields)
    {
        fields = new Dictionary<string, PyJsonValue>(4, StringComparer.Ordinal);
        while (true)
        {
            if (!r.Read()) return false;
            if (r.TokenType == JsonTokenType.EndObject) return true;
            string? key = r.ValueTextEquals("gt"u8) ? "gt"
                : r.ValueTextEquals("response"u8) ? "response"
                : r.ValueTextEquals("video_id"u8) ? "video_id"
                : r.ValueTextEquals("question"u8) ? "question"
                : null;
            if (!r.Read()) return false;
            if (key is null)
            {
                if (!r.TrySkip()) return false;
                continue;
            }
            if (!TryReadValue(ref r, out var value)) return false;
            fields[key] = value;
        }
    }

    private static bool TryReadValue(ref Utf8JsonReader r, out PyJsonValue value)
    {
        value = PyJsonNull.Instance;
        switch (r.TokenType)
        {
            case JsonTokenType.String:
                value = new PyJsonString(r.GetString()!);
                return true;
            case JsonTokenType.Number:
                value = new PyJsonNumber(Encoding.UTF8.GetString(r.ValueSpan));
                return true;
            case JsonTokenType.True:
                value = PyJsonBool.True;
                return true;
            case JsonTokenType.False:
                value = PyJsonBool.False;
                return true;
            case JsonTokenType.Null:
                return true;
            case JsonTokenType.StartArray:
            {
                var items = new List<PyJsonValue>();
                while (true)
                {
                    if (!r.Read()) return false;
                    if (r.TokenType == JsonTokenType.EndArray) break;
                    if (!TryReadValue(ref r, out var v)) return false;
                    items.Add(v);
                }
                value = new PyJsonArray([.. items]);
                return true;
            }
            case JsonTokenType.StartObject:
            {
                var members = new List<KeyValuePair<string, PyJsonValue>>();
                while (true)
                {
                    if (!r.Read()) return false;
                    if (r.TokenType == JsonTokenType.EndObject) break;
                    string name = r.GetString()!;
                    if (!r.Read()) return false;
                    if (!TryReadValue(ref r, out var v)) return false;
                    members.Add(new(name, v));
                }
                value = PyJsonObject.FromMembers(members);
                return true;
            }
            default:
                throw new InvalidOperationException($"unexpected JSON token {r.TokenType}");
        }
    }

    private UserInputException SyntaxError(JsonException ex)
    {
        // JsonReaderState carries the line count across chunks, so the exception's line is absolute.
        long line = 1 + (ex.LineNumber ?? 0);
        string detail = ex.Message;
        int cut = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0) detail = detail[..cut].TrimEnd();
        if (detail.Contains("depth", StringComparison.OrdinalIgnoreCase) || detail.Contains("reached end of data", StringComparison.OrdinalIgnoreCase))
        {
            detail += " (truncated?)";
        }
        return new UserInputException($"predictions_json {_path} is not valid JSON at line {line}: {detail}");
    }

    private static bool IsBlank(ReadOnlySpan<byte> span) => span.IndexOfAnyExcept(" \t\r\n"u8) < 0;

    private long CountLines(long upTo) => _buf.AsSpan(_start, (int)Math.Min(upTo, _end - _start)).Count((byte)'\n');

    private void Advance(int consumed, JsonReaderState state)
    {
        _lineBase += _buf.AsSpan(_start, consumed).Count((byte)'\n');
        _start += consumed;
        _state = state;
    }

    private void Refill()
    {
        int remaining = _end - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buf, _start, _buf, 0, remaining);
            _start = 0;
            _end = remaining;
        }
        if (_end == _buf.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buf.Length * 2);
            Buffer.BlockCopy(_buf, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buf);
            _buf = bigger;
        }
        bool first = _stream.Position == 0;
        int n;
        try
        {
            n = _stream.Read(_buf, _end, _buf.Length - _end);
        }
        catch (IOException ex)
        {
            throw new UserInputException($"cannot read predictions_json {_path}: {ex.Message}");
        }
        if (n == 0)
        {
            _eof = true;
            _digest = Convert.ToHexStringLower(_sha256.GetHashAndReset());
            return;
        }
        _sha256.AppendData(_buf, _end, n);
        _end += n;
        if (first && _end >= 3 && _buf[0] == 0xEF && _buf[1] == 0xBB && _buf[2] == 0xBF) _start = 3; // UTF-8 BOM
    }

    public void Dispose()
    {
        _stream.Dispose();
        _sha256.Dispose();
        ArrayPool<byte>.Shared.Return(_buf);
        _buf = [];
    }
}
