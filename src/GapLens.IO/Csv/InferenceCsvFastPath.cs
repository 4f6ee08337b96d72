using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text;
using GapLens.Core.Mining.Aoi;
using GapLens.Core.Text;
using Microsoft.Win32.SafeHandles;

namespace GapLens.IO.Csv;

/// <summary>
/// The common case of inference.csv read straight from its UTF-8 bytes, on every core: no quoted
/// field, '\n' or "\r\n" line ends, every row with the header's number of fields, and scores that
/// are plain decimal numbers (<c>-0.0123</c>, <c>4.5e-07</c>) making a float64 column, valid UTF-8. Each part of the
/// file is parsed by its own thread, and the parts are joined in file order. The values are those
/// of <see cref="InferenceCsv"/>'s full reader, bit for bit, because they come from the same
/// functions: <see cref="PandasFloat.TryParse"/> for the scores, the same label rules.
/// Anything else (a quote, a stray '\r', a NUL, invalid UTF-8, a row with another number of fields,
/// a line over 1 MiB, a score pandas reads otherwise or not at all, an all-integer column, a missing
/// column, no rows) makes it give up (null), and the full reader
/// reads the file: it keeps every check and words every error, so giving up is always safe.
/// </summary>
internal static class InferenceCsvFastPath
{
    private const int BlockSize = 1 << 20;
    private const int MaxFieldChars = 64;
    private const int LabelCacheSize = 32;

    /// <summary>Parts smaller than this are not worth a thread.</summary>
    private const long MinPartBytes = 4L << 20;

    /// <summary>Scores and labels of every row, or null to leave the file to the full reader.</summary>
    public static AoiTable? TryReadTable(string path, PandasFloatPrecision precision, Action<long, long>? progress, CancellationToken ct) =>
        TryRead(path, precision, progress, null, ct)?.Table;

    /// <summary>As <see cref="TryRead"/>, the table only (tests).</summary>
    internal static AoiTable? TryReadTable(string path, PandasFloatPrecision precision, Action<long, long>? progress, int? parts, CancellationToken ct) =>
        TryRead(path, precision, progress, parts, ct)?.Table;

    /// <summary>Scores and labels of every row with where each row's line starts, or null to leave the file to the full reader.</summary>
    /// <param name="path">inference.csv.</param>
    /// <param name="precision">pandas' float parser.</param>
    /// <param name="progress">(bytes done, bytes in all), from one thread.</param>
    /// <param name="parts">How many parts to read at once (tests); default: one per core for large files.</param>
    /// <param name="ct">Cancellation.</param>
    internal static InferenceRows? TryRead(string path, PandasFloatPrecision precision, Action<long, long>? progress, int? parts, CancellationToken ct)
    {
        using var stream = Files.InputFile.OpenForReading(path, "inference CSV");
        var handle = stream.SafeFileHandle;
        long length = RandomAccess.GetLength(handle);
        if (Header.Read(handle, length) is not { } header) return null;
        long data = length - header.DataStart;
        if (data <= 0) return null;
        int n = parts ?? (int)Math.Clamp(data / MinPartBytes, 1, Math.Min(Environment.ProcessorCount, 8));
        var workers = new Part[n];
        var state = new Shared(length, progress);
        double bytesPerRow = BytesPerRow(handle, header.DataStart, length);
        for (int i = 0; i < n; i++)
        {
            long from = header.DataStart + data * i / n, to = header.DataStart + data * (i + 1) / n;
            workers[i] = new Part(handle, header, precision, from, to, i == 0, state, (int)Math.Min(int.MaxValue / 2, (to - from) / bytesPerRow * 1.05 + 64));
        }
        if (n == 1)
        {
            workers[0].Run(ct);
        }
        else
        {
            try
            {
                Parallel.For(0, n, new ParallelOptions { MaxDegreeOfParallelism = n }, i => workers[i].Run(ct));
            }
            catch (AggregateException ex)
            {
                // A signal stopped the parts: a cancellation, not an internal error.
                if (ct.IsCancellationRequested && ex.InnerExceptions.All(e => e is OperationCanceledException)) throw new OperationCanceledException(ct);
                // Otherwise what one part hit (a user error first, e.g. an unreadable file), as a
                // sequential read would have thrown it: the CLI maps it, not the wrapper, to an exit code.
                var first = ex.InnerExceptions.FirstOrDefault(e => e is Core.UserInputException) ?? ex.InnerExceptions.First(e => e is not OperationCanceledException);
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
                throw;
            }
        }
        ct.ThrowIfCancellationRequested();
        if (state.GaveUp || !workers.Any(w => w.AnyNonInteger)) return null; // all integers: pandas makes an int64 column
        return Join(workers, precision) is { } table ? new InferenceRows(table, new InferenceLineIndex(header.Fields, header.InputPath, header.ObjectName, [.. workers.Select(w => w.LineStarts)])) : null;
    }

    /// <summary>The mean length of the first lines (up to 64 KiB of them), at least 8 bytes: sizes the row lists.</summary>
    private static double BytesPerRow(SafeFileHandle handle, long dataStart, long length)
    {
        var sample = new byte[(int)Math.Min(1 << 16, length - dataStart)];
        int n = RandomAccess.Read(handle, sample, dataStart);
        int lines = sample.AsSpan(0, n).Count((byte)'\n');
        return lines == 0 ? 8 : Math.Max(8.0, (double)n / lines);
    }

    /// <summary>The parts in file order as one table: raw labels numbered by first appearance.</summary>
    private static AoiTable? Join(Part[] workers, PandasFloatPrecision precision)
    {
        long rows = workers.Sum(w => (long)w.Scores.Count);
        if (rows == 0 || rows > Array.MaxLength) return null;
        var scores = new double[rows];
        var ids = new int[rows];
        var rawLabels = new List<string>();
        var rawIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        int at = 0;
        foreach (var w in workers)
        {
            var map = new int[w.RawLabels.Count];
            for (int i = 0; i < map.Length; i++)
            {
                string label = w.RawLabels[i];
                if (!rawIndex.TryGetValue(label, out int id))
                {
                    id = rawLabels.Count;
                    rawLabels.Add(label);
                    rawIndex[label] = id;
                }
                map[i] = id;
            }
            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(w.Scores).CopyTo(scores.AsSpan(at));
            var local = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(w.LabelIds);
            for (int i = 0; i < local.Length; i++) ids[at + i] = map[local[i]];
            at += local.Length;
        }
        var labelColumn = new PandasColumn(precision);
        foreach (string label in rawLabels) labelColumn.Add(label, out _); // its dtype depends on the distinct values only
        return AoiTable.FromLabels(scores, ids, InferenceCsv.Labels(rawLabels, labelColumn, ids));
    }

    /// <summary>input_path and object_name of the given rows (0-based data rows, as the full reader
    /// counts them), or null to leave the file to the full reader.</summary>
    public static ImmutableDictionary<int, (string InputPath, string ObjectName)>? TryReadPaths(string path, IReadOnlyCollection<int> rows, CancellationToken ct)
    {
        var wanted = rows.Distinct().Order().ToArray();
        var result = ImmutableDictionary.CreateBuilder<int, (string, string)>();
        if (wanted.Length == 0) return result.ToImmutable();
        using var stream = Files.InputFile.OpenForReading(path, "inference CSV");
        var handle = stream.SafeFileHandle;
        long length = RandomAccess.GetLength(handle);
        if (Header.Read(handle, length) is not { } header) return null;
        int next = 0, row = -1;
        bool failed = false;
        var fields = new (int Start, int Length)[header.Fields];
        bool complete = Lines.Scan(handle, header.DataStart, length, long.MaxValue, (line, _) =>
        {
            if (IsBlank(line)) return true;
            row++;
            if ((row & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            if (row != wanted[next]) return true;
            if (!InferenceLineIndex.Split(line, fields))
            {
                failed = true;
                return false;
            }
            result[row] = (InferenceLineIndex.Decode(line, fields[header.InputPath]), InferenceLineIndex.Decode(line, fields[header.ObjectName]));
            return ++next < wanted.Length;
        });
        return complete && !failed && next == wanted.Length ? result.ToImmutable() : null;
    }

    /// <summary>A line the full reader skips as pandas does: empty, or only spaces and tabs (one field, as no quote is in the file).</summary>
    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;

    /// <summary>What every part shares: the file length for progress, the bytes done, and whether one gave up.</summary>
    private sealed class Shared(long length, Action<long, long>? progress)
    {
        private long _done;
        private volatile bool _gaveUp;

        public bool GaveUp => _gaveUp;

        public void GiveUp() => _gaveUp = true;

        public void Done(long bytes, bool report)
        {
            long done = Interlocked.Add(ref _done, bytes);
            if (report) progress?.Invoke(Math.Min(done, length), length);
        }
    }

    /// <summary>The header: where the data starts, the number of fields and the required columns.</summary>
    private sealed record Header(long DataStart, int Fields, int InputPath, int ObjectName, int Label, int Score)
    {
        public static Header? Read(SafeFileHandle handle, long length)
        {
            var head = new byte[(int)Math.Min(length, 1 << 16)];
            int n = RandomAccess.Read(handle, head, 0);
            var span = head.AsSpan(0, n);
            int start = 0;
            if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) start = 3; // a UTF-8 BOM, as the full reader's StreamReader drops it
            else if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]) || span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return null; // UTF-16/32
            int end = span[start..].IndexOf((byte)'\n');
            if (end < 0) return null;
            var line = span.Slice(start, end);
            if (line.EndsWith((byte)'\r')) line = line[..^1];
            if (line.IsEmpty || line.IndexOfAny((byte)'"', (byte)'\r', (byte)0) >= 0) return null;
            if (!System.Text.Unicode.Utf8.IsValid(line)) return null; // the full reader words the error
            var raw = Encoding.UTF8.GetString(line).Split(',');
            if (raw.Distinct(StringComparer.Ordinal).Count() != raw.Length) return null; // duplicate names: the full reader decides
            var names = raw.Select(f => f.Trim()).ToList();
            int Find(string name) => names.IndexOf(name);
            var header = new Header(start + end + 1, names.Count, Find("input_path"), Find("object_name"), Find("label"), Find("siamese_score"));
            return header.InputPath < 0 || header.ObjectName < 0 || header.Label < 0 || header.Score < 0 ? null : header;
        }
    }

    /// <summary>Walks the lines of a byte range in blocks: '\n' ends a line, a final '\r' is dropped;
    /// a block holding a quote, a NUL or a '\r' elsewhere stops the walk.</summary>
    private static class Lines
    {
        /// <summary>Calls <paramref name="onLine"/> (line, its end offset) for each line that starts
        /// before <paramref name="before"/>, from <paramref name="from"/> (a line start) on; it returns
        /// false to stop. Returns false when the walk gave up on the file, true otherwise.</summary>
        public static bool Scan(SafeFileHandle handle, long from, long length, long before, LineAction onLine)
        {
            var buffer = new byte[BlockSize];
            int carry = 0;
            long offset = from; // file offset of buffer[0]
            while (true)
            {
                long readAt = offset + carry;
                int n = readAt >= length ? 0 : RandomAccess.Read(handle, buffer.AsSpan(carry), readAt);
                int filled = carry + n;
                bool last = n == 0 || readAt + n >= length;
                var block = buffer.AsSpan(0, filled);
                if (block[carry..].IndexOfAny((byte)'"', (byte)0) >= 0) return false;
                bool hasCr = block.Contains((byte)'\r');
                int pos = 0;
                while (pos < filled)
                {
                    if (offset + pos >= before) return true;
                    int nl = block[pos..].IndexOf((byte)'\n');
                    if (nl < 0)
                    {
                        if (!last) break;
                        nl = filled - pos; // the final line, without a line end
                    }
                    var line = block.Slice(pos, nl);
                    if (hasCr)
                    {
                        int cr = line.IndexOf((byte)'\r');
                        if (cr >= 0 && cr != line.Length - 1) return false;
                        if (cr >= 0) line = line[..^1];
                    }
                    if (!onLine(line, offset + pos + nl + 1)) return true;
                    pos += nl + 1;
                }
                if (last && pos >= filled) return true;
                carry = filled - pos;
                if (carry == buffer.Length) return false; // a line longer than a block
                buffer.AsSpan(pos, carry).CopyTo(buffer);
                offset += pos;
            }
        }
    }

    private delegate bool LineAction(ReadOnlySpan<byte> line, long end);

    /// <summary>One thread's share of the rows: the lines that start in [from, to).</summary>
    /// <param name="capacity">The rows expected (from the first lines' length): the lists are sized
    /// once, neither grown by copying nor reserved for far more rows than the part holds.</param>
    private sealed class Part(SafeFileHandle handle, Header header, PandasFloatPrecision precision, long from, long to, bool reports, Shared shared, int capacity)
    {
        private readonly Dictionary<string, int> _labelIndex = new(StringComparer.Ordinal);
        private readonly List<(byte[] Bytes, int Id)> _recentLabels = [];

        public List<double> Scores { get; } = new(capacity);

        public List<int> LabelIds { get; } = new(capacity);

        /// <summary>The file offset where each row's line starts (for <see cref="InferenceLineIndex"/>).</summary>
        public List<long> LineStarts { get; } = new(capacity);

        public List<string> RawLabels { get; } = [];

        public bool AnyNonInteger { get; private set; }

        public void Run(CancellationToken ct)
        {
            long start = FirstLineStart();
            if (start < 0) return;
            if (!Scan(start, RandomAccess.GetLength(handle), ct)) shared.GiveUp();
        }

        /// <summary>
        /// Reads the lines that start in [start, to) block by block. Each block is checked once (no
        /// quote or NUL, valid UTF-8 up to its last line end, where a '\r' is), then one pass finds
        /// every ',' and '\n' 32 bytes at a time and each line is taken from those positions: the same
        /// lines, fields and rules as <see cref="Lines.Scan"/> with <see cref="InferenceLineIndex.Split"/>, without a
        /// search call per line and field. False when the file is left to the full reader.
        /// </summary>
        private bool Scan(long start, long length, CancellationToken ct)
        {
            var buffer = new byte[BlockSize];
            Span<int> commas = stackalloc int[header.Fields];
            int carry = 0;
            long offset = start, reported = start, rows = 0; // offset: file offset of buffer[0]
            while (true)
            {
                long readAt = offset + carry;
                int n = readAt >= length ? 0 : RandomAccess.Read(handle, buffer.AsSpan(carry), readAt);
                int filled = carry + n;
                bool last = n == 0 || readAt + n >= length;
                var block = buffer.AsSpan(0, filled);
                if (block[carry..].IndexOfAny((byte)'"', (byte)0) >= 0) return false;
                // Complete lines only, unless this is the end of the file (its last line may lack '\n').
                int end = last ? filled : block.LastIndexOf((byte)'\n') + 1;
                if (end <= 0)
                {
                    if (filled == buffer.Length) return false; // a line longer than a block
                    carry = filled;
                    continue;
                }
                // '\n' is one ASCII byte, so the block's lines are valid UTF-8 each iff they are together.
                var lines = block[..end];
                if (!System.Text.Unicode.Utf8.IsValid(lines)) return false;
                int pos = ScanLines(lines, offset, commas, ref rows, ref reported, ct, out bool stop);
                if (pos < 0) return false;
                if (stop || last) return true;
                carry = filled - pos;
                buffer.AsSpan(pos, carry).CopyTo(buffer);
                offset += pos;
            }
        }

        /// <summary>The lines of <paramref name="block"/> (whole lines; the last may lack '\n' at the
        /// end of the file); returns where the lines read end, -1 to give up. <paramref name="stop"/>:
        /// a line at or after <c>to</c> was reached.</summary>
        private int ScanLines(ReadOnlySpan<byte> block, long offset, Span<int> commas, ref long rows, ref long reported, CancellationToken ct, out bool stop)
        {
            stop = false;
            bool hasCr = block.Contains((byte)'\r');
            int lineStart = 0, found = 0, length = block.Length;
            ref byte first = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(block);
            var comma = Vector128.Create((byte)',');
            var newline = Vector128.Create((byte)'\n');
            int i = 0;
            while (true)
            {
                uint mask;
                int chunk = i;
                if (i + 32 <= length)
                {
                    var lo = Vector128.LoadUnsafe(ref first, (nuint)i);
                    var hi = Vector128.LoadUnsafe(ref first, (nuint)(i + 16));
                    mask = (Vector128.Equals(lo, comma) | Vector128.Equals(lo, newline)).ExtractMostSignificantBits()
                        | ((Vector128.Equals(hi, comma) | Vector128.Equals(hi, newline)).ExtractMostSignificantBits() << 16);
                    i += 32;
                }
                else if (i < length)
                {
                    mask = 0;
                    for (int k = i; k < length; k++)
                    {
                        byte b = block[k];
                        if (b is (byte)',' or (byte)'\n') mask |= 1u << (k - i);
                    }
                    i = length;
                }
                else
                {
                    break;
                }
                while (mask != 0)
                {
                    int at = chunk + System.Numerics.BitOperations.TrailingZeroCount(mask);
                    mask &= mask - 1;
                    if (block[at] == (byte)',')
                    {
                        if (found < commas.Length) commas[found] = at - lineStart;
                        found++;
                        continue;
                    }
                    if (!Line(block.Slice(lineStart, at - lineStart), offset + lineStart, commas, found, hasCr, ref stop)) return -1;
                    if (stop) return lineStart;
                    lineStart = at + 1;
                    found = 0;
                    if ((++rows & 0xFFFF) == 0)
                    {
                        if (shared.GaveUp)
                        {
                            stop = true;
                            return lineStart;
                        }
                        ct.ThrowIfCancellationRequested();
                        shared.Done(offset + lineStart - reported, reports);
                        reported = offset + lineStart;
                    }
                }
            }
            if (lineStart < length) // the file's last line, without a line end
            {
                if (!Line(block[lineStart..], offset + lineStart, commas, found, hasCr, ref stop)) return -1;
                if (stop) return lineStart;
            }
            return length;
        }

        /// <summary>One line (without its '\n') starting at file offset <paramref name="at"/>, with the
        /// offsets of its first commas; false to give up. <paramref name="stop"/>: the line starts at or after <c>to</c>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Line(ReadOnlySpan<byte> line, long at, ReadOnlySpan<int> commas, int found, bool hasCr, ref bool stop)
        {
            if (at >= to)
            {
                stop = true;
                return true;
            }
            if (hasCr)
            {
                int cr = line.IndexOf((byte)'\r');
                if (cr >= 0 && cr != line.Length - 1) return false;
                if (cr >= 0) line = line[..^1];
            }
            if (found != commas.Length - 1)
            {
                // Not a row: pandas skips a blank line (no comma in it, as no quote is in the file).
                return found == 0 && IsBlank(line);
            }
            int fields = commas.Length;
            var (s, sl) = Field(line, commas, header.Score, fields);
            var (l, ll) = Field(line, commas, header.Label, fields);
            LineStarts.Add(at);
            return Add(line.Slice(s, sl), line.Slice(l, ll));
        }

        /// <summary>Start and length of field <paramref name="f"/> from the comma offsets.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static (int Start, int Length) Field(ReadOnlySpan<byte> line, ReadOnlySpan<int> commas, int f, int fields)
        {
            int start = f == 0 ? 0 : commas[f - 1] + 1;
            int end = f == fields - 1 ? line.Length : commas[f];
            return (start, end - start);
        }

        /// <summary>The first line that starts at or after <c>from</c>: from itself for the first part,
        /// else just after the first '\n' at or after from - 1; -1 when none starts before <c>to</c>.</summary>
        private long FirstLineStart()
        {
            if (from == header.DataStart) return from;
            var probe = new byte[64 << 10];
            for (long at = from - 1; at < to; at += probe.Length)
            {
                int n = RandomAccess.Read(handle, probe, at);
                if (n <= 0) return -1;
                int nl = probe.AsSpan(0, n).IndexOf((byte)'\n');
                if (nl >= 0) return at + nl + 1 < to ? at + nl + 1 : -1;
            }
            return -1;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Add(ReadOnlySpan<byte> score, ReadOnlySpan<byte> label)
        {
            if (!PlainNumber(score, out bool integer) || !Parse(score, out double value) || !double.IsFinite(value)) return false;
            AnyNonInteger |= !integer;
            int id = -1;
            foreach (var (bytes, known) in _recentLabels)
            {
                if (label.SequenceEqual(bytes))
                {
                    id = known;
                    break;
                }
            }
            if (id < 0)
            {
                id = LabelId(label);
                if (_recentLabels.Count < LabelCacheSize) _recentLabels.Add((label.ToArray(), id));
            }
            Scores.Add(value);
            LabelIds.Add(id);
            return true;
        }

        /// <summary>What <see cref="PandasFloat.TryParse"/> gives for a plain number: pandas' default
        /// converter straight from the bytes; the round-trip one from the field's characters.</summary>
        private bool Parse(ReadOnlySpan<byte> score, out double value)
        {
            if (precision == PandasFloatPrecision.High) return PandasFloat.TryPreciseXstrtod(score, out value);
            Span<char> chars = stackalloc char[MaxFieldChars];
            for (int i = 0; i < score.Length; i++) chars[i] = (char)score[i];
            return PandasFloat.TryParse(chars[..score.Length], precision, out value);
        }

        private int LabelId(ReadOnlySpan<byte> label)
        {
            // Labels are keyed by their text, as the full reader keys them (invalid UTF-8 decodes the same way).
            string text = Encoding.UTF8.GetString(label);
            if (!_labelIndex.TryGetValue(text, out int id))
            {
                id = RawLabels.Count;
                RawLabels.Add(text);
                _labelIndex[text] = id;
            }
            return id;
        }

        /// <summary>
        /// A score this path takes: [-]digits[.digits][(e|E)[+-]digits] with a digit in the mantissa,
        /// nothing around it. An integer (no point, no exponent) of more than 18 digits could
        /// overflow pandas' int64 scan and change the column's dtype, so it is left to the full reader.
        /// </summary>
        private static bool PlainNumber(ReadOnlySpan<byte> f, out bool integer)
        {
            integer = false;
            if (f.Length == 0 || f.Length > MaxFieldChars) return false;
            int p = f[0] == (byte)'-' ? 1 : 0;
            int digits = 0;
            while (p < f.Length && char.IsAsciiDigit((char)f[p]))
            {
                p++;
                digits++;
            }
            bool point = p < f.Length && f[p] == (byte)'.';
            if (point)
            {
                p++;
                while (p < f.Length && char.IsAsciiDigit((char)f[p]))
                {
                    p++;
                    digits++;
                }
            }
            if (digits == 0) return false;
            bool exponent = p < f.Length && (f[p] | 0x20) == (byte)'e';
            if (exponent)
            {
                p++;
                if (p < f.Length && (f[p] == (byte)'-' || f[p] == (byte)'+')) p++;
                int expDigits = 0;
                while (p < f.Length && char.IsAsciiDigit((char)f[p]))
                {
                    p++;
                    expDigits++;
                }
                if (expDigits == 0) return false;
            }
            integer = !point && !exponent;
            return p == f.Length && (!integer || digits <= 18);
        }
    }
}
