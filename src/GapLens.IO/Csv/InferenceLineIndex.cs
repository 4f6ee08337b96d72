using System.Collections.Immutable;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace GapLens.IO.Csv;

/// <summary>
/// The file offset of each row's line in an inference.csv the fast path read (no quotes, '\n' or
/// "\r\n" line ends, every row with the header's number of fields, lines under 1 MiB), kept as the
/// parts recorded them (8 bytes a row, not copied into one array). Reading a row's fields back is
/// one positioned read of the 8 KiB holding its line (or more for a longer line): the kept rows' paths without a second pass.
/// </summary>
public sealed class InferenceLineIndex
{
    private const int Window = 8 << 10;
    private const int MaxLine = 1 << 20;

    private readonly int _fields;
    private readonly int _inputPath;
    private readonly int _objectName;
    private readonly List<long>[] _parts;
    private readonly int[] _firstRow; // the first row of each part; one more entry: the row count

    internal InferenceLineIndex(int fields, int inputPath, int objectName, List<long>[] parts)
    {
        _fields = fields;
        _inputPath = inputPath;
        _objectName = objectName;
        _parts = parts;
        _firstRow = new int[parts.Length + 1];
        for (int i = 0; i < parts.Length; i++) _firstRow[i + 1] = _firstRow[i] + parts[i].Count;
    }

    public int RowCount => _firstRow[^1];

    /// <summary>File offset where row <paramref name="row"/>'s line starts.</summary>
    public long LineStart(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
        int part = Array.BinarySearch(_firstRow, row);
        if (part < 0) part = ~part - 1;
        while (_parts[part].Count == 0 || row - _firstRow[part] >= _parts[part].Count) part++; // empty parts share a first row
        return _parts[part][row - _firstRow[part]];
    }

    /// <summary>input_path and object_name of the given rows, read from their lines; null when a line
    /// is not what the first pass read (the file changed in between), to leave it to a full pass.</summary>
    internal ImmutableDictionary<int, (string InputPath, string ObjectName)>? TryReadPaths(SafeFileHandle handle, IEnumerable<int> rows, CancellationToken ct)
    {
        var result = ImmutableDictionary.CreateBuilder<int, (string, string)>();
        long length = RandomAccess.GetLength(handle);
        var buffer = new byte[Window];
        long windowStart = 0;
        int windowLength = 0;
        Span<(int Start, int Length)> fields = new (int, int)[_fields];
        foreach (int row in rows.Distinct().Order())
        {
            ct.ThrowIfCancellationRequested();
            if (row < 0 || row >= RowCount) return null;
            long start = LineStart(row);
            int at = (int)Math.Clamp(start - windowStart, -1, int.MaxValue);
            int nl = at >= 0 && at < windowLength ? buffer.AsSpan(at, windowLength - at).IndexOf((byte)'\n') : -1;
            if (nl < 0)
            {
                // Read a window from the line's start, larger until it holds the whole line.
                int size = Window;
                while (true)
                {
                    if (buffer.Length < size) buffer = new byte[size];
                    windowStart = start;
                    windowLength = RandomAccess.Read(handle, buffer.AsSpan(0, size), start);
                    at = 0;
                    nl = buffer.AsSpan(0, windowLength).IndexOf((byte)'\n');
                    if (nl >= 0 || start + windowLength >= length) break;
                    if (size >= MaxLine) return null;
                    size *= 2;
                }
                if (nl < 0) nl = windowLength; // the file's last line, without a line end
            }
            var line = buffer.AsSpan(at, nl);
            if (line.EndsWith((byte)'\r')) line = line[..^1];
            if (!Split(line, fields)) return null;
            result[row] = (Decode(line, fields[_inputPath]), Decode(line, fields[_objectName]));
        }
        return result.ToImmutable();
    }

    internal static string Decode(ReadOnlySpan<byte> line, (int Start, int Length) field) => Encoding.UTF8.GetString(line.Slice(field.Start, field.Length));

    /// <summary>Splits a line at its commas into exactly <paramref name="fields"/>.Length fields; false otherwise.</summary>
    internal static bool Split(ReadOnlySpan<byte> line, Span<(int Start, int Length)> fields)
    {
        if (line.IndexOfAny((byte)'"', (byte)'\r', (byte)0) >= 0) return false;
        int start = 0;
        for (int f = 0; f < fields.Length - 1; f++)
        {
            int comma = line[start..].IndexOf((byte)',');
            if (comma < 0) return false;
            fields[f] = (start, comma);
            start += comma + 1;
        }
        if (line[start..].Contains((byte)',')) return false;
        fields[^1] = (start, line.Length - start);
        return true;
    }
}
