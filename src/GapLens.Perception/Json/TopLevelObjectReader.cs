using System.Buffers;
using System.Text.Json;
using GapLens.Core;
using GapLens.IO.Files;

namespace GapLens.Perception.Json;

/// <summary>
/// Streams a JSON document that is one object (Perception Test files: keyed by video id) member by
/// member: each <see cref="MoveNext"/> offers one key and the raw UTF-8 bytes of its value, found by
/// <see cref="ObjectMembers"/> (bracket matching, not tokenizing) in a buffer refilled from the file. Memory is
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
    private readonly List<(Range Key, Range Value)> _members = [];
    private readonly bool _nested;
    private byte[] _buf = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int _start;
    private int _end;
    private long _bufFileOffset;
    private bool _eof;
    private bool _begun;
    private bool _done;
    private bool _first = true;
    private int _valueStart;
    private int _valueLength;

    /// <param name="path">The file.</param>
    /// <param name="what">What the file is, as errors name it ("annotations").</param>
    /// <param name="expected">What the document must be, as errors say it ("a JSON object keyed by video id").</param>
    /// <param name="nested">When a value is an object, find its end by stepping through its members and
    /// offer them in <see cref="Members"/> (one pass over the bytes instead of two for callers that
    /// look at the members anyway).</param>
    public TopLevelObjectReader(string path, string what, string expected, bool nested = false)
    {
        _nested = nested;
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

    /// <summary>With <c>nested</c>, the members of the current value when it is an object: key (quoted)
    /// and value ranges relative to <see cref="Value"/>; valid until the next MoveNext.</summary>
    public IReadOnlyList<(Range Key, Range Value)> Members => _members;

    /// <summary>How many members have been read.</summary>
    public int Count { get; private set; }

    /// <summary>How many bytes of the file have been stepped through (for progress).</summary>
    public long Position => _bufFileOffset + _start;

    public bool MoveNext()
    {
        if (_done) return false;
        while (true)
        {
            var span = _buf.AsSpan(_start, _end - _start);
            if (!_begun)
            {
                int open = Begin(span);
                if (open < 0)
                {
                    Refill();
                    continue;
                }
                _start += open + 1;
                _begun = true;
                continue;
            }
            int pos = 0;
            bool first = _first;
            int valueEnd = -1;
            try
            {
                // Never "complete": at the end of the file a member that is still open asks for more
                // bytes, which is reported as truncation rather than as a bare syntax error.
                var step = ObjectMembers.TryKey(span, ref pos, ref first, complete: false, out var key);
                if (step == MemberStep.End)
                {
                    _start += pos;
                    _done = true;
                    EnsureOnlyWhiteSpaceRemains();
                    return false;
                }
                if (step == MemberStep.Member)
                {
                    valueEnd = _nested && span[pos] == (byte)'{' ? MembersEnd(span, pos) : JsonScan.ValueEnd(span, pos, complete: false);
                    if (valueEnd >= 0)
                    {
                        string k = ObjectMembers.KeyText(span[key]);
                        if (!_keys.Add(k)) throw new UserInputException($"{_what} {_path}: key \"{k}\" appears twice; each video id may appear once.");
                        Key = k;
                    }
                }
            }
            catch (JsonScanException ex)
            {
                throw SyntaxError(ex.Message, _bufFileOffset + _start + ex.Position);
            }
            if (valueEnd < 0)
            {
                if (_eof) throw new UserInputException($"{_what} {_path} ends inside a value (truncated JSON); expected {_expected}.");
                Refill();
                continue;
            }
            ValueType = ObjectMembers.TypeOf(span[pos]);
            _valueStart = _start + pos;
            _valueLength = valueEnd - pos;
            _start += valueEnd;
            _first = first;
            Count++;
            return true;
        }
    }

    /// <summary>Steps through the members of the object at <paramref name="open"/>, recording them
    /// relative to it; the object's end, or -1 when more bytes are needed.</summary>
    private int MembersEnd(ReadOnlySpan<byte> span, int open)
    {
        _members.Clear();
        int p = open + 1;
        bool first = true;
        while (true)
        {
            var step = ObjectMembers.TryNext(span, ref p, ref first, complete: false, out var key, out var value);
            if (step == MemberStep.NeedMore) return -1;
            if (step == MemberStep.End) return p;
            _members.Add((new Range(key.Start.Value - open, key.End.Value - open), new Range(value.Start.Value - open, value.End.Value - open)));
        }
    }

    /// <summary>The index of the opening brace, or -1 when more bytes are needed.</summary>
    private int Begin(ReadOnlySpan<byte> rest)
    {
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
        return first;
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

    private UserInputException SyntaxError(string message, long offset) =>
        new($"{_what} {_path} is not valid JSON near line {LineAt(offset)} (byte {offset}): {message}; expected {_expected}.");

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
