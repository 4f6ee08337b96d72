using GapLens.Core;
using GapLens.IO.Files;
using Sylvan.Data.Csv;

namespace GapLens.IO.Tables;

/// <summary>A CSV or TSV file with a header row, streamed into an <see cref="ITableSink"/> (every field as text).
/// Blank lines are skipped; a row with more or fewer fields than the header is a user error naming the line.</summary>
internal static class CsvTableReader
{
    public static void Read(string path, char delimiter, ITableSink sink, CancellationToken ct)
    {
        using var stream = InputFile.OpenForReading(path, "table", "a CSV file");
        using var text = new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16);
        CsvDataReader csv;
        try
        {
            csv = CsvDataReader.Create(text, new CsvDataReaderOptions { HasHeaders = true, Delimiter = delimiter, BufferSize = 1 << 16 });
        }
        catch (CsvMissingHeadersException)
        {
            throw new UserInputException($"{path}: the file is empty; expected a header row naming the columns");
        }
        using (csv)
        {
            int fields = csv.FieldCount;
            var index = new int[fields];
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < fields; i++)
            {
                string name = csv.GetName(i).Trim();
                if (name.Length == 0) throw new UserInputException($"{path}:1: column {i + 1} of the header has no name");
                if (!seen.Add(name)) throw new UserInputException($"{path}:1: the header names column '{name}' twice");
                index[i] = sink.Column(name);
            }
            long rows = 0;
            while (Next(csv, path))
            {
                if ((++rows & 0xFFFF) == 0) ct.ThrowIfCancellationRequested();
                long line = csv.RowNumber + 1; // RowNumber counts records from 1 after the header: line 2 is the first
                if (csv.RowFieldCount != fields)
                {
                    throw new UserInputException($"{path}:{line}: {csv.RowFieldCount} field(s), but the header has {fields}");
                }
                sink.BeginRow(line);
                for (int i = 0; i < fields; i++)
                {
                    if (index[i] >= 0) sink.Text(index[i], csv.GetFieldSpan(i));
                }
                sink.EndRow();
            }
        }
    }

    /// <summary>The next record, skipping blank lines (pandas' skip_blank_lines).</summary>
    private static bool Next(CsvDataReader csv, string path)
    {
        try
        {
            while (csv.Read())
            {
                if (csv.RowFieldCount != 1 || csv.GetRawRecordSpan().TrimEnd("\r\n").ContainsAnyExcept(" \t")) return true;
            }
            return false;
        }
        catch (CsvFormatException ex)
        {
            throw new UserInputException($"{path}:{ex.RowNumber}: malformed CSV ({ex.Message})");
        }
    }
}
