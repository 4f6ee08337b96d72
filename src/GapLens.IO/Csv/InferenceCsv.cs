using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core;
using GapLens.Core.Mining.Aoi;
using GapLens.Core.Text;
using Sylvan.Data.Csv;

namespace GapLens.IO.Csv;

/// <summary>
/// Reads a Visual ChangeNet inference.csv (RFC 4180, UTF-8, header row; columns input_path,
/// object_name, label, siamese_score; others ignored): <see cref="Read"/> streams it once and keeps
/// only scores and label ids (and, from the fast path, where each row's line starts);
/// <see cref="ReadPaths(string, IEnumerable{int}, InferenceLineIndex?, CancellationToken)"/> fetches
/// input_path/object_name of the few rows that are reported, from their lines or in a second pass.
/// Paths are raw strings ("0012" stays "0012").
/// Scores and labels are what TAO's vcn_aoi.py gets from <c>pandas.read_csv</c> (pandas 1.5): the
/// score column's dtype is inferred as pandas does (<see cref="PandasColumn"/>) and a float column is
/// read with pandas' own converter (<see cref="PandasFloat"/>), which is not correctly rounded unless
/// <see cref="PandasFloatPrecision.RoundTrip"/> is asked for; labels are <c>str(label).strip()</c>
/// (an NA spelling such as an empty field reads "nan") grouped by Python's <c>upper()</c>.
/// </summary>
public static class InferenceCsv
{
    private static readonly string[] Required = ["input_path", "object_name", "label", "siamese_score"];

    /// <summary>Reads with pandas' default float parser (TAO-compatible).</summary>
    public static AoiTable ReadTable(string path, Action<long, long>? progress = null, CancellationToken ct = default) =>
        ReadTable(path, PandasFloatPrecision.High, progress, ct);

    /// <summary>
    /// Scores and labels of every row. A score pandas reads as NaN or infinity (an empty field, "nan",
    /// "inf", an overflow) or cannot convert to float is a user error naming the line. Usually one
    /// pass; a second pass re-reads the scores when pandas would not keep the column as float64
    /// (all integers, all booleans, or one field only Python's float() accepts, such as "1_000").
    /// </summary>
    public static AoiTable ReadTable(string path, PandasFloatPrecision floatPrecision, Action<long, long>? progress = null, CancellationToken ct = default) =>
        Read(path, floatPrecision, progress, ct).Table;

    /// <summary>As <see cref="ReadTable(string, PandasFloatPrecision, Action{long, long}?, CancellationToken)"/>, with
    /// where each row's line starts when the fast path read the file (for <see cref="ReadPaths(string, IEnumerable{int}, InferenceLineIndex?, CancellationToken)"/>).</summary>
    public static InferenceRows Read(string path, PandasFloatPrecision floatPrecision, Action<long, long>? progress = null, CancellationToken ct = default) =>
        InferenceCsvFastPath.TryRead(path, floatPrecision, progress, null, ct) ?? new InferenceRows(ReadTableFully(path, floatPrecision, progress, ct), null);

    /// <summary>The full reader (every check, every message); <see cref="ReadTable(string, PandasFloatPrecision, Action{long, long}?, CancellationToken)"/>
    /// tries the fast path for plain files first (<see cref="InferenceCsvFastPath"/>).</summary>
    internal static AoiTable ReadTableFully(string path, PandasFloatPrecision floatPrecision, Action<long, long>? progress = null, CancellationToken ct = default)
    {
        using var stream = Files.InputFile.OpenForReading(path, "inference CSV");
        long length = stream.Length;
        var scoreColumn = new PandasColumn(floatPrecision);
        var labelColumn = new PandasColumn(floatPrecision);
        var scores = new List<double>(1 << 16);
        var labelIds = new List<int>(1 << 16);
        var rawLabels = new List<string>();
        var rawIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var rawLookup = rawIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        (long Row, string Text)? notBool = null;
        long row = 0;
        using (var csv = Open(stream, path))
        {
            var (_, _, labelCol, scoreCol) = Columns(csv, path);
            while (Read(csv, path))
            {
                row++;
                var field = csv.GetFieldSpan(scoreCol);
                if (scoreColumn.Add(field, out double score))
                {
                    if (!double.IsFinite(score)) throw NotFinite(path, csv.RowNumber, field, score);
                }
                else
                {
                    // pandas keeps the column as text (object) and float() reads every field, unless
                    // every field is true/false (a bool column).
                    if (PyFloat.TryParse(BeforeNul(field), out double py))
                    {
                        if (!double.IsFinite(py)) throw NotFinite(path, csv.RowNumber, field, py);
                    }
                    else if (scoreColumn.CouldBeBool)
                    {
                        notBool ??= (csv.RowNumber, field.ToString());
                    }
                    else
                    {
                        throw NotANumber(path, csv.RowNumber, field);
                    }
                }
                if (notBool is { } first && !scoreColumn.CouldBeBool) throw NotANumber(path, first.Row, first.Text);
                var raw = csv.GetFieldSpan(labelCol);
                if (!rawLookup.TryGetValue(raw, out int id))
                {
                    string text = raw.ToString();
                    id = rawLabels.Count;
                    rawLabels.Add(text);
                    rawIndex[text] = id;
                    labelColumn.Add(text, out _); // its dtype depends on the distinct values only
                }
                scores.Add(score);
                labelIds.Add(id);
                if ((row & 0xFFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progress?.Invoke(stream.Position, length);
                }
            }
        }
        if (row == 0) throw new UserInputException($"Inference CSV at {path} contains no rows.");
        double[] values = [.. scores];
        if (!scoreColumn.IsFloatParsed) RereadScores(path, scoreColumn, values, ct);
        int[] ids = [.. labelIds];
        return AoiTable.FromLabels(values, ids, Labels(rawLabels, labelColumn, ids));
    }

    /// <summary>Labels as vcn_aoi.py writes them, <c>str(label).strip()</c>, one id per distinct result.</summary>
    internal static List<string> Labels(List<string> rawLabels, PandasColumn column, int[] ids)
    {
        var labels = new List<string>(rawLabels.Count);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var map = new int[rawLabels.Count];
        bool merged = false;
        for (int i = 0; i < rawLabels.Count; i++)
        {
            string label = PyStr.Strip(column.AsStr(rawLabels[i]));
            if (!index.TryGetValue(label, out int id))
            {
                id = labels.Count;
                labels.Add(label);
                index[label] = id;
            }
            merged |= id != i;
            map[i] = id;
        }
        if (merged)
        {
            for (int r = 0; r < ids.Length; r++) ids[r] = map[ids[r]];
        }
        return labels;
    }

    /// <summary>Second pass when the score column is not float64 as parsed: df["siamese_score"].astype(float).</summary>
    private static void RereadScores(string path, PandasColumn column, double[] values, CancellationToken ct)
    {
        using var stream = Files.InputFile.OpenForReading(path, "inference CSV");
        using var csv = Open(stream, path);
        int scoreCol = Columns(csv, path).Score;
        long row = 0;
        while (Read(csv, path))
        {
            var field = csv.GetFieldSpan(scoreCol);
            row++;
            if (!column.TryAsFloat(field, out double v)) throw NotANumber(path, csv.RowNumber, field);
            if (!double.IsFinite(v)) throw NotFinite(path, csv.RowNumber, field, v);
            values[row - 1] = v;
            if ((row & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
        }
    }

    private static ReadOnlySpan<char> BeforeNul(ReadOnlySpan<char> field)
    {
        int nul = field.IndexOf('\0');
        return nul < 0 ? field : field[..nul];
    }

    /// <summary>Errors name the line of the record: the header is line 1 and record n (blank lines
    /// counted) line n + 1, exact unless a quoted field spans lines.</summary>
    private static UserInputException NotFinite(string path, long record, ReadOnlySpan<char> field, double value) =>
        new($"inference CSV {path} line {record + 1}: siamese_score '{field.ToString()}' is not a finite number (pandas reads it as {PyFloat.Repr(value)})");

    private static UserInputException NotANumber(string path, long record, ReadOnlySpan<char> field) =>
        new($"inference CSV {path} line {record + 1}: siamese_score '{field.ToString()}' is not a finite number (pandas cannot convert it to float)");

    /// <summary>input_path and object_name of the given rows (0-based data rows), read in one pass.</summary>
    public static ImmutableDictionary<int, (string InputPath, string ObjectName)> ReadPaths(string path, IEnumerable<int> rows, CancellationToken ct = default) =>
        ReadPaths(path, rows, null, ct);

    /// <summary>input_path and object_name of the given rows: read from their lines when
    /// <paramref name="lines"/> (from <see cref="Read"/>) says where they are, else in one pass.</summary>
    public static ImmutableDictionary<int, (string InputPath, string ObjectName)> ReadPaths(string path, IEnumerable<int> rows, InferenceLineIndex? lines, CancellationToken ct = default)
    {
        var list = rows.ToList();
        if (lines is not null)
        {
            using var stream = Files.InputFile.OpenForReading(path, "inference CSV");
            if (lines.TryReadPaths(stream.SafeFileHandle, list, ct) is { } direct) return direct;
        }
        return InferenceCsvFastPath.TryReadPaths(path, list, ct) ?? ReadPathsFully(path, list, ct);
    }

    internal static ImmutableDictionary<int, (string InputPath, string ObjectName)> ReadPathsFully(string path, IEnumerable<int> rows, CancellationToken ct = default)
    {
        var wanted = new HashSet<int>(rows);
        var result = ImmutableDictionary.CreateBuilder<int, (string, string)>();
        if (wanted.Count == 0) return result.ToImmutable();
        using var stream = Files.InputFile.OpenForReading(path, "inference CSV");
        using var csv = Open(stream, path);
        var (inputCol, objectCol, _, _) = Columns(csv, path);
        int row = -1;
        while (result.Count < wanted.Count && Read(csv, path))
        {
            row++;
            if ((row & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
            if (wanted.Contains(row)) result[row] = (csv.GetString(inputCol), csv.GetString(objectCol));
        }
        return result.ToImmutable();
    }

    /// <summary>UTF-8 that fails on invalid bytes (pandas raises UnicodeDecodeError) instead of replacing them.</summary>
    private static readonly System.Text.UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static CsvDataReader Open(Stream stream, string path)
    {
        try
        {
            var reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
            int maxChars = (int)Math.Clamp(ResourceLimits.Current.MaxRecordBytes, 1 << 16, Array.MaxLength / 2);
            return CsvDataReader.Create(reader, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = 1 << 16, MaxBufferSize = maxChars });
        }
        catch (CsvMissingHeadersException)
        {
            throw new UserInputException($"Inference CSV at {path} is empty: expected a header row with {string.Join(", ", Required)}.");
        }
        catch (Exception ex) when (ex is CsvRecordTooLargeException or System.Text.DecoderFallbackException)
        {
            throw Unreadable(ex, path, 1);
        }
    }

    private static (int InputPath, int ObjectName, int Label, int Score) Columns(CsvDataReader csv, string path)
    {
        var names = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetName(i).Trim()).ToList();
        int Find(string name)
        {
            int i = names.IndexOf(name);
            if (i < 0)
            {
                throw new UserInputException(
                    $"inference CSV {path}: missing column '{name}' (header has: {string.Join(", ", names)}; required: {string.Join(", ", Required)})");
            }
            return i;
        }
        return (Find("input_path"), Find("object_name"), Find("label"), Find("siamese_score"));
    }

    /// <summary>The next record, skipping blank lines (empty, or only spaces and tabs) as pandas'
    /// read_csv does (skip_blank_lines=True); a line holding "" is a record. A record longer than the
    /// header is an error (pandas: "Expected 4 fields in line 3, saw 6"), and so is one too short to
    /// hold every required column (pandas would read those as NaN).</summary>
    private static bool Read(CsvDataReader csv, string path)
    {
        try
        {
            while (csv.Read())
            {
                if (csv.RowFieldCount != 1 || csv.GetRawRecordSpan().TrimEnd("\r\n").ContainsAnyExcept(" \t"))
                {
                    if (csv.RowFieldCount != csv.FieldCount) CheckWidth(csv, path);
                    return true;
                }
            }
            return false;
        }
        catch (CsvRecordTooLargeException ex)
        {
            throw Unreadable(ex, path, csv.RowNumber + 2);
        }
        catch (CsvFormatException ex)
        {
            throw new UserInputException($"inference CSV {path} row {ex.RowNumber}: malformed CSV ({ex.Message})");
        }
        catch (System.Text.DecoderFallbackException ex)
        {
            throw Unreadable(ex, path, csv.RowNumber + 1);
        }
    }

    private static void CheckWidth(CsvDataReader csv, string path)
    {
        long line = csv.RowNumber + 1;
        if (csv.RowFieldCount > csv.FieldCount)
        {
            throw new UserInputException($"inference CSV {path} line {line}: {csv.RowFieldCount} fields where the header has {csv.FieldCount} " +
                $"(pandas refuses it too: \"Expected {csv.FieldCount} fields in line {line}, saw {csv.RowFieldCount}\"); quote fields that hold a comma");
        }
        var (input, obj, label, score) = Columns(csv, path);
        string? missing = new[] { ("input_path", input), ("object_name", obj), ("label", label), ("siamese_score", score) }
            .Where(c => c.Item2 >= csv.RowFieldCount).Select(c => c.Item1).FirstOrDefault();
        if (missing is not null)
        {
            throw new UserInputException($"inference CSV {path} line {line}: a short row: {csv.RowFieldCount} field(s) where the header has {csv.FieldCount}, so it has no {missing}");
        }
    }

    /// <summary>A record over the size limit, or bytes that are not UTF-8, as one line naming where.</summary>
    /// <param name="ex">What the CSV reader threw.</param>
    /// <param name="path">The file.</param>
    /// <param name="line">The line when the exception does not say.</param>
    private static UserInputException Unreadable(Exception ex, string path, long line)
    {
        if (ex is System.Text.DecoderFallbackException)
        {
            long offset = Files.TextEncodings.IndexOfInvalidUtf8(path);
            string where = offset < 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" line {1 + Files.FileHash.CountNewlines(path, offset)}");
            string bytes = ex is System.Text.DecoderFallbackException { BytesUnknown: { Length: > 0 } b } ? " (byte " + string.Join(" ", b.Select(x => "0x" + x.ToString("X2", CultureInfo.InvariantCulture))) + ")" : "";
            return new UserInputException($"inference CSV {path}{where}: invalid UTF-8{bytes}; the file must be UTF-8 text (pandas refuses it too: UnicodeDecodeError)");
        }
        if (ex is CsvFormatException f) line = f.RowNumber + 1; // Sylvan counts the header as row 0
        string limit = ResourceLimits.Describe(ResourceLimits.Current.MaxRecordBytes);
        return new UserInputException(string.Create(CultureInfo.InvariantCulture,
            $"inference CSV {path} line {line}: one row is longer than {limit}, the limit for one record (an unclosed quote makes the rest of the file one field); " +
            $"raise it with the environment variable {ResourceLimits.MaxRecordBytesVariable} if the row is meant to be that long"));
    }
}
