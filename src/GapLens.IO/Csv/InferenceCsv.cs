using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core;
using GapLens.Core.Mining.Aoi;
using Sylvan.Data.Csv;

namespace GapLens.IO.Csv;

/// <summary>
/// Reads a Visual ChangeNet inference.csv (RFC 4180, UTF-8, header row; columns input_path,
/// object_name, label, siamese_score; others ignored) in two streaming passes: <see cref="ReadTable"/>
/// keeps only scores and label ids; <see cref="ReadPaths"/> fetches input_path/object_name of the few
/// rows that are reported. Paths are raw strings ("0012" stays "0012").
/// </summary>
public static class InferenceCsv
{
    private static readonly string[] Required = ["input_path", "object_name", "label", "siamese_score"];

    public static AoiTable ReadTable(string path, Action<long, long>? progress = null, CancellationToken ct = default)
    {
        using var stream = Files.InputFile.OpenForReading(path, "inference CSV");
        long length = stream.Length;
        using var csv = Open(stream, path);
        var (_, _, labelCol, scoreCol) = Columns(csv, path);
        var scores = new List<double>(1 << 16);
        var labelIds = new List<int>(1 << 16);
        var labels = new List<string>();
        var labelIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var labelLookup = labelIndex.GetAlternateLookup<ReadOnlySpan<char>>();
        var groups = new List<string>();
        var groupOfLabel = new List<int>();
        long row = 0;
        while (Read(csv, path))
        {
            row++;
            var scoreText = csv.GetFieldSpan(scoreCol).Trim();
            if (!double.TryParse(scoreText, NumberStyles.Float, CultureInfo.InvariantCulture, out double score) || !double.IsFinite(score))
            {
                throw new UserInputException(
                    $"inference CSV {path} line {row + 1}: siamese_score '{scoreText.ToString()}' is not a finite number");
            }
            var label = csv.GetFieldSpan(labelCol).Trim();
            if (!labelLookup.TryGetValue(label, out int id))
            {
                string text = label.ToString();
                id = labels.Count;
                labels.Add(text);
                labelIndex[text] = id;
                string group = text.ToUpperInvariant();
                int g = groups.IndexOf(group);
                if (g < 0)
                {
                    g = groups.Count;
                    groups.Add(group);
                }
                groupOfLabel.Add(g);
            }
            scores.Add(score);
            labelIds.Add(id);
            if ((row & 0xFFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Invoke(stream.Position, length);
            }
        }
        if (row == 0) throw new UserInputException($"Inference CSV at {path} contains no rows.");
        return new AoiTable([.. scores], [.. labelIds], [.. labels], [.. groupOfLabel], [.. groups]);
    }

    /// <summary>input_path and object_name of the given rows (0-based data rows), read in one pass.</summary>
    public static ImmutableDictionary<int, (string InputPath, string ObjectName)> ReadPaths(string path, IEnumerable<int> rows, CancellationToken ct = default)
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

    private static CsvDataReader Open(Stream stream, string path)
    {
        try
        {
            var reader = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16, leaveOpen: true);
            return CsvDataReader.Create(reader, new CsvDataReaderOptions { HasHeaders = true, Delimiter = ',', BufferSize = 1 << 16 });
        }
        catch (CsvMissingHeadersException)
        {
            throw new UserInputException($"Inference CSV at {path} is empty: expected a header row with {string.Join(", ", Required)}.");
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

    private static bool Read(CsvDataReader csv, string path)
    {
        try
        {
            return csv.Read();
        }
        catch (CsvFormatException ex)
        {
            throw new UserInputException($"inference CSV {path} row {ex.RowNumber}: malformed CSV ({ex.Message})");
        }
    }
}
