using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using GapLens.Core;
using GapLens.Core.Mining.Bcq;
using GapLens.IO.Files;

namespace GapLens.IO.Json;

/// <summary>
/// Streams a vlm_bcq predictions file (a JSON array of objects) item by item without building a DOM:
/// memory is bounded by the largest single item, and each item is offered as a zero-copy
/// <see cref="PredictionView"/> over the read buffer. It keeps the TAO tool's order of complaints: the
/// whole file must be valid JSON first (a syntax error, thrown at once, wins), then the first item
/// that is not an object or lacks <c>gt</c>, <c>response</c> or <c>video_id</c> (checked in that
/// order) is the error. That one is not thrown: reading goes on (checking syntax only) and it is left
/// in <see cref="Problem"/>, so that the caller, which may have split the file (<see cref="ReadRange"/>),
/// reports the first problem of the whole file once all of it has been read.
/// </summary>
public sealed class PredictionsJsonReader : IDisposable
{
    private const int InitialBuffer = 1 << 20;

    private readonly string _path;
    private readonly FileStream _stream;
    private readonly long _maxItemBytes;
    private ReadRange _range;
    private byte[] _buf = ArrayPool<byte>.Shared.Rent(InitialBuffer);
    private int _start;
    private int _end;
    private bool _eof;
    private long _bufFileOffset; // file offset of _buf[0] (a continuation's virtual '[' sits at Start - 1)
    private JsonReaderState _state;
    private long _index;
    private Phase _phase = Phase.BeforeArray;
    private ItemSlots _current;

    private enum Phase
    {
        BeforeArray,
        InArray,
        AfterArray,
        Done,
    }

    private enum Step
    {
        NeedMore,
        Progress,
        Item,
        Stop,
    }

    public PredictionsJsonReader(string path)
        : this(path, ReadRange.Whole)
    {
    }

    /// <param name="path">The predictions file (a regular file: it is read more than once; see <see cref="RereadableInput"/>).</param>
    /// <param name="range">The part to read.</param>
    /// <param name="maxItemBytes">The largest item held in memory (default: <see cref="ResourceLimits.MaxRecordBytes"/>).</param>
    public PredictionsJsonReader(string path, ReadRange range, long? maxItemBytes = null)
    {
        _path = path;
        _range = range;
        _maxItemBytes = maxItemBytes ?? ResourceLimits.Current.MaxRecordBytes;
        _stream = InputFile.OpenForReading(path, "predictions_json");
        if (!_stream.CanSeek)
        {
            _stream.Dispose();
            throw new UserInputException($"predictions_json {path} is a pipe or FIFO; it is read more than once, so give a regular file (or read it through RereadableInput)");
        }
        Length = _stream.Length;
        if (range.IsContinuation)
        {
            _stream.Position = range.Start;
            _buf[0] = (byte)'[';
            _end = 1;
            _bufFileOffset = range.Start - 1;
        }
    }

    /// <summary>Total size of the file in bytes.</summary>
    public long Length { get; }

    /// <summary>The file offset reading has reached (for progress reporting).</summary>
    public long Position => _bufFileOffset + _start;

    /// <summary>Items read so far in this range, valid or not (the next item's relative index).</summary>
    public long ItemCount => _index;

    /// <summary>True when a first part ended exactly at the item starting at its StopAt (the split
    /// was at an item boundary); false when that byte was inside an item, and the reader read on.</summary>
    public bool StoppedAtSplit { get; private set; }

    /// <summary>The first contract violation in this range, reported once the whole file is read.</summary>
    public ValidationProblem? Problem { get; private set; }

    /// <summary>The current item; valid until the next <see cref="MoveNext"/>.</summary>
    public PredictionView Current => new(_buf, _current);

    /// <summary>Every valid prediction of a whole file, materialised (for small files and tests);
    /// throws the validation problem, if any, at the end.</summary>
    public IEnumerable<Prediction> ReadAll()
    {
        while (MoveNext())
        {
            yield return Current.Materialize();
        }
        if (Problem is { } problem) throw problem.ToException(0);
    }

    /// <summary>Advances to the next valid prediction; false at the end of the array (or of the range).</summary>
    public bool MoveNext()
    {
        while (true)
        {
            if (_phase == Phase.Done) return false;
            var reader = new Utf8JsonReader(_buf.AsSpan(_start, _end - _start), _eof, _state);
            Step step;
            try
            {
                step = TryStep(ref reader);
            }
            catch (JsonException ex)
            {
                throw SyntaxError(ex);
            }
            catch (InvalidOperationException ex)
            {
                throw new UserInputException($"predictions_json {_path} line {LineAt(_bufFileOffset + _start + reader.TokenStartIndex)}: {ex.Message}");
            }
            if (step == Step.NeedMore)
            {
                if (_eof) throw SyntaxAtEnd();
                Refill();
                continue;
            }
            if (step == Step.Stop) return false;
            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
            if (step == Step.Item) return true;
        }
    }

    private Step TryStep(ref Utf8JsonReader r)
    {
        switch (_phase)
        {
            case Phase.BeforeArray:
                if (_eof && _buf.AsSpan(_start, _end - _start).IndexOfAnyExcept(" \t\r\n"u8) < 0)
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
                long itemOffset = _bufFileOffset + _start + r.TokenStartIndex;
                if (itemOffset >= _range.StopAt)
                {
                    if (itemOffset == _range.StopAt && r.TokenType == JsonTokenType.StartObject)
                    {
                        StoppedAtSplit = true;
                        _phase = Phase.Done;
                        return Step.Stop;
                    }
                    _range = _range with { StopAt = long.MaxValue }; // the split was inside an item: read on
                }
                int itemStart = _start + (int)r.TokenStartIndex;
                if (r.TokenType != JsonTokenType.StartObject)
                {
                    var type = r.TokenType;
                    if (!r.TrySkip()) return Step.NeedMore;
                    CheckUtf8(itemStart, _start + (int)r.BytesConsumed);
                    Problem ??= new ValidationProblem(_path, _index, itemOffset, $"predictions_json item {{index}} is not an object (got {Describe(type)} at {{where}})");
                    _index++;
                    return Step.Progress;
                }
                var slots = new ItemSlots { Index = _index };
                if (!TryReadItem(ref r, _start, ref slots)) return Step.NeedMore;
                CheckUtf8(itemStart, _start + (int)r.BytesConsumed);
                _index++;
                if (Problem is not null) return Step.Progress; // after a problem only the syntax is checked
                string? problem = !slots.Gt.Present ? "missing 'gt'"
                    : !slots.Response.Present ? "missing 'response'"
                    : !slots.VideoId.Present ? "missing 'video_id'"
                    : slots.VideoId.Type != JsonTokenType.String ? $"'video_id' must be a string, got {Describe(slots.VideoId.Type)}"
                    : NotText(slots.VideoId, "video_id", isPath: true) ?? NotText(slots.Response, "response") ?? NotText(slots.Gt, "gt") ?? NotText(slots.Question, "question");
                if (problem is not null)
                {
                    string where = problem.EndsWith("(at {where})", StringComparison.Ordinal) ? "" : " (at {where})";
                    Problem = new ValidationProblem(_path, slots.Index, itemOffset, $"predictions_json item {{index}}: {problem}{where}");
                    return Step.Progress;
                }
                _current = slots;
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

    /// <summary>
    /// The file must be UTF-8, as Python's json.load reads it: an item with a byte that is not part of
    /// valid UTF-8 stops the read at once (like a syntax error), naming the line and the byte.
    /// </summary>
    private void CheckUtf8(int from, int to)
    {
        int bad = Files.TextEncodings.IndexOfInvalidUtf8(_buf.AsSpan(from, to - from));
        if (bad < 0) return;
        long offset = _bufFileOffset + from + bad;
        throw new UserInputException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"predictions_json {_path} line {LineAt(offset)}: invalid UTF-8 (byte 0x{_buf[from + bad]:X2} at byte offset {offset}); the file must be UTF-8 text (Python's json.load refuses it too)"));
    }

    /// <summary>
    /// Why a used value is not text, or null: an escape that decodes to no text (a lone surrogate such
    /// as <c>\ud800</c>, which no UTF-8 output can hold), or a NUL character in a path. Only escaped
    /// strings can be either; raw bytes were checked as UTF-8 and JSON forbids raw control characters.
    /// </summary>
    private string? NotText(ValueSlot slot, string key, bool isPath = false)
    {
        if (!slot.Present || (slot.Type == JsonTokenType.String && !slot.Escaped)) return null;
        if (slot.Type is not (JsonTokenType.String or JsonTokenType.StartObject or JsonTokenType.StartArray)) return null;
        var r = new Utf8JsonReader(_buf.AsSpan(slot.Start, slot.Length), isFinalBlock: true, state: default);
        try
        {
            while (r.Read())
            {
                if (r.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !r.ValueIsEscaped) continue;
                string text = r.GetString()!;
                if (isPath && text.Contains('\0', StringComparison.Ordinal)) return $"'{key}' contains a NUL character (\\u0000), which no path can hold (at {{where}})";
            }
        }
        catch (InvalidOperationException)
        {
            return $"'{key}' holds an escape that is not text (a lone surrogate such as \\ud800; pair it or remove it) (at {{where}})";
        }
        return null;
    }

    /// <summary>Nothing but whitespace may follow the top-level value (the reader throws otherwise).</summary>
    private static void ExpectEnd(ref Utf8JsonReader r)
    {
        while (r.Read())
        {
            // A second top-level value makes Utf8JsonReader throw a JsonException.
        }
    }

    /// <summary>Records where the values of the keys the rule uses lie in the buffer; skips the rest.
    /// Later duplicates win, as in a Python dict.</summary>
    private static bool TryReadItem(ref Utf8JsonReader r, int offset, ref ItemSlots slots)
    {
        while (true)
        {
            if (!r.Read()) return false;
            if (r.TokenType == JsonTokenType.EndObject) return true;
            int key = r.ValueTextEquals("gt"u8) ? 0
                : r.ValueTextEquals("response"u8) ? 1
                : r.ValueTextEquals("video_id"u8) ? 2
                : r.ValueTextEquals("question"u8) ? 3
                : -1;
            if (!r.Read()) return false;
            var type = r.TokenType;
            int start = offset + (int)r.TokenStartIndex;
            bool escaped = r.ValueIsEscaped;
            if (type is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                if (!r.TrySkip()) return false;
            }
            if (key < 0) continue;
            int length = offset + (int)r.BytesConsumed - start;
            var slot = new ValueSlot(true, type, start, length, escaped);
            switch (key)
            {
                case 0: slots.Gt = slot; break;
                case 1: slots.Response = slot; break;
                case 2: slots.VideoId = slot; break;
                default: slots.Question = slot; break;
            }
        }
    }

    internal static string Describe(JsonTokenType t) => t switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => t.ToString(),
    };

    private UserInputException SyntaxAtEnd() =>
        new($"predictions_json {_path} is not valid JSON: unexpected end of file (truncated?).");

    private UserInputException SyntaxError(JsonException ex)
    {
        // JsonReaderState carries the line count across chunks: the exception's line counts from the
        // range's start (a continuation's virtual '[' adds no line).
        long line = 1 + (ex.LineNumber ?? 0) + (_range.Start > 0 ? FileHash.CountNewlines(_path, _range.Start) : 0);
        string detail = GapLens.Core.Json.JsonErrorText.Of(ex) + ".";
        if (detail.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase))
        {
            detail = "arrays and objects are nested deeper than 64 levels, more than this reader accepts";
        }
        else if (detail.Contains("depth", StringComparison.OrdinalIgnoreCase) || detail.Contains("reached end of data", StringComparison.OrdinalIgnoreCase))
        {
            detail += " (truncated?)";
        }
        return new UserInputException($"predictions_json {_path} is not valid JSON at line {line}: {detail}");
    }

    private UserInputException ItemTooLarge()
    {
        int skip = _buf.AsSpan(_start, _end - _start).IndexOfAnyExcept(" \t\r\n,"u8);
        long line = LineAt(_bufFileOffset + _start + Math.Max(0, skip));
        string limit = ResourceLimits.Describe(Math.Min(_maxItemBytes, Array.MaxLength));
        return new UserInputException($"predictions_json {_path} line {line}: one item is larger than {limit}, the limit for one record; " +
            $"raise it with the environment variable {ResourceLimits.MaxRecordBytesVariable} (e.g. {ResourceLimits.MaxRecordBytesVariable}=1G) if the item is meant to be that large");
    }

    /// <summary>1-based line of a file offset (counted only when a message needs it).</summary>
    private long LineAt(long fileOffset) => 1 + FileHash.CountNewlines(_path, fileOffset);

    private void Refill()
    {
        int remaining = _end - _start;
        if (_start > 0)
        {
            _bufFileOffset += _start;
            Buffer.BlockCopy(_buf, _start, _buf, 0, remaining);
            _start = 0;
            _end = remaining;
        }
        if (_end == _buf.Length)
        {
            // One item fills the buffer: grow it, up to the limit for one record.
            if (_buf.Length >= Math.Min(_maxItemBytes, Array.MaxLength)) throw ItemTooLarge();
            var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(Math.Min(_buf.Length * 2L, Math.Max(_maxItemBytes, InitialBuffer)), Array.MaxLength));
            Buffer.BlockCopy(_buf, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buf);
            _buf = bigger;
        }
        bool first = _stream.Position == 0 && !_range.IsContinuation;
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
            return;
        }
        _end += n;
        if (first && _end >= 3 && _buf[0] == 0xEF && _buf[1] == 0xBB && _buf[2] == 0xBF) _start = 3; // UTF-8 BOM, at file offset 0
    }

    public void Dispose()
    {
        _stream.Dispose();
        ArrayPool<byte>.Shared.Return(_buf);
        _buf = [];
    }

    /// <summary>Where one value lies in the buffer: the whole token (strings with their quotes).</summary>
    internal readonly record struct ValueSlot(bool Present, JsonTokenType Type, int Start, int Length, bool Escaped);

    internal struct ItemSlots
    {
        public long Index;
        public ValueSlot Gt;
        public ValueSlot Response;
        public ValueSlot VideoId;
        public ValueSlot Question;
    }
}
