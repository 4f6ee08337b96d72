using System.Buffers;
using System.Text.Json;
using GapLens.Core;
using GapLens.IO.Files;

namespace GapLens.Perception.Json;

/// <summary>
/// Streams a JSON document that is one object (Perception Test files: keyed by video id) member by
/// member: each <see cref="MoveNext"/> offers one key and the raw UTF-8 bytes of its value, read
/// through <see cref="Utf8JsonReader"/> from a buffer that is refilled from the file. Memory is
/// bounded by the largest single value (one video's annotations), never by the file. A document that
/// is not an object, a repeated key and a syntax error are user errors naming the file.
/// </summary>
internal sealed class TopLevelObjectReader : IDisposable
{
    private const int InitialBuffer = 1 << 20;

    private readonly Stream _stream;
    private readonly string _path;
    private readonly string _what;
    private readonly string _expected;
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private byte[] _buf = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int _start;
    private int _end;
    private long _bufFileOffset;
    private bool _eof;
    private bool _begun;
    private bool _done;
    private JsonReaderState _state;
    private int _valueStart;
    private int _valueLength;

    /// <param name="path">The file.</param>
    /// <param name="what">What the file is, as errors name it ("annotations").</param>
    /// <param name="expected">What the document must be, as errors say it ("a JSON object keyed by video id").</param>
    public TopLevelObjectReader(string path, string what, string expected)
    {
        _path = path;
        _what = what;
        _expected = expected;
        _stream = InputFile.OpenForReading(path, what);
        Length = _stream.Length;
    }

    public long Length { get; }

    /// <summary>The current member's key.</summary>
    public string Key { get; private set; } = "";

    /// <summary>The JSON type of the current member's value.</summary>
    public JsonTokenType ValueType { get; private set; }

    /// <summary>The raw UTF-8 JSON of the current member's value; valid until the next MoveNext.</summary>
    public ReadOnlySpan<byte> Value => _buf.AsSpan(_valueStart, _valueLength);

    /// <summary>How many members have been read.</summary>
    public int Count { get; private set; }

    public bool MoveNext()
    {
        if (_done) return false;
        while (true)
        {
            // Never a final block: at the end of the file a value that is still open then asks for more
            // bytes, which is reported as truncation rather than as a bare syntax error.
            var reader = new Utf8JsonReader(_buf.AsSpan(_start, _end - _start), isFinalBlock: false, _state);
            int step;
            try
            {
                step = _begun ? TryMember(ref reader) : TryBegin(ref reader);
            }
            catch (JsonException ex)
            {
                throw SyntaxError(ex, reader.TokenStartIndex);
            }
            if (step < 0)
            {
                if (_eof) throw new UserInputException($"{_what} {_path} ends inside a value (truncated JSON); expected {_expected}.");
                Refill();
                continue;
            }
            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            if (step == 0) continue;
            if (_done) EnsureOnlyWhiteSpaceRemains();
            return !_done;
        }
    }

    /// <returns>-1 when more bytes are needed, 0 after progress without a member, 1 otherwise.</returns>
    private int TryBegin(ref Utf8JsonReader r)
    {
        var rest = _buf.AsSpan(_start, _end - _start);
        int first = rest.IndexOfAnyExcept(" \t\r\n"u8);
        if (first < 0)
        {
            if (!_eof) return -1;
            throw new UserInputException($"{_what} {_path} is empty; expected {_expected}.");
        }
        if (rest[first] != (byte)'{')
        {
            string seen = rest[first] switch
            {
                (byte)'[' => "an array",
                (byte)'"' => "a string",
                (byte)'t' or (byte)'f' => "a boolean",
                (byte)'n' => "null",
                (byte)'-' or (>= (byte)'0' and <= (byte)'9') => "a number",
                _ => "not JSON",
            };
            throw new UserInputException($"{_what} {_path} is not {_expected}: the document is {seen}.");
        }
        if (!r.Read()) return -1;
        _begun = true;
        return 0;
    }

    private int TryMember(ref Utf8JsonReader r)
    {
        if (!r.Read()) return -1;
        if (r.TokenType == JsonTokenType.EndObject)
        {
            _done = true;
            return 1;
        }
        string key = r.GetString()!;
        if (!r.Read()) return -1;
        var type = r.TokenType;
        int valueStart = (int)r.TokenStartIndex;
        if (type is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            if (!r.TrySkip()) return -1;
        }
        int valueEnd = (int)r.BytesConsumed;
        if (!_keys.Add(key)) throw new UserInputException($"{_what} {_path}: key \"{key}\" appears twice; each video id may appear once.");
        Key = key;
        ValueType = type;
        _valueStart = _start + valueStart;
        _valueLength = valueEnd - valueStart;
        Count++;
        return 1;
    }

    private void EnsureOnlyWhiteSpaceRemains()
    {
        while (true)
        {
            if (_buf.AsSpan(_start, _end - _start).IndexOfAnyExcept(" \t\r\n"u8) >= 0)
            {
                throw new UserInputException($"{_what} {_path} has content after the closing brace of the top-level object; expected {_expected}.");
            }
            if (_eof) return;
            _start = _end;
            Refill();
        }
    }

    private void Refill()
    {
        int live = _end - _start;
        if (_start == 0 && _end == _buf.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buf.Length * 2);
            Array.Copy(_buf, bigger, live);
            ArrayPool<byte>.Shared.Return(_buf);
            _buf = bigger;
        }
        else if (_start > 0)
        {
            Array.Copy(_buf, _start, _buf, 0, live);
            _bufFileOffset += _start;
        }
        _start = 0;
        _end = live;
        while (_end < _buf.Length)
        {
            int got = _stream.Read(_buf, _end, _buf.Length - _end);
            if (got == 0)
            {
                _eof = true;
                break;
            }
            _end += got;
        }
    }

    private UserInputException SyntaxError(JsonException ex, long tokenStart)
    {
        long offset = _bufFileOffset + _start + Math.Max(0, tokenStart);
        return new UserInputException($"{_what} {_path} is not valid JSON near line {LineAt(offset)} (byte {offset}): {FirstSentence(ex.Message)} Expected {_expected}.", ex);
    }

    private long LineAt(long offset)
    {
        using var fs = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var buf = new byte[1 << 16];
        long line = 1, seen = 0;
        while (seen < offset)
        {
            int got = fs.Read(buf, 0, (int)Math.Min(buf.Length, offset - seen));
            if (got == 0) break;
            line += buf.AsSpan(0, got).Count((byte)'\n');
            seen += got;
        }
        return line;
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).Trim();
    }

    internal static string Describe(JsonTokenType t) => t switch
    {
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => t.ToString(),
    };

    public void Dispose()
    {
        _stream.Dispose();
        ArrayPool<byte>.Shared.Return(_buf);
        _buf = [];
    }
}
