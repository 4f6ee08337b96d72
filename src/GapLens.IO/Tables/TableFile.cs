using GapLens.Core;

namespace GapLens.IO.Tables;

/// <summary>
/// Reads a table file (CSV, TSV, JSON Lines, Parquet) into an <see cref="ITableSink"/>, streaming:
/// one row at a time (one row group at a time for Parquet). A malformed file is a user error naming
/// the file and line.
/// </summary>
public static class TableFile
{
    /// <summary>The format a file name implies: .csv, .tsv, .jsonl/.ndjson/.json, .parquet/.pq; null otherwise.</summary>
    public static TableFormat? FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".csv" => TableFormat.Csv,
        ".tsv" or ".tab" => TableFormat.Tsv,
        ".jsonl" or ".ndjson" or ".json" => TableFormat.Jsonl,
        ".parquet" or ".pq" => TableFormat.Parquet,
        _ => null,
    };

    /// <summary>Reads <paramref name="path"/> into <paramref name="sink"/>; returns the columns the
    /// reader could not pass on (e.g. a Parquet map), each with the reason.</summary>
    public static async Task<IReadOnlyList<string>> ReadAsync(string path, ITableSink sink, TableFormat? format, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var f = format ?? FormatOf(path)
            ?? throw new UserInputException($"{path}: unknown table type '{Path.GetExtension(path)}'; expected .csv, .tsv, .jsonl (or .json, .ndjson) or .parquet");
        switch (f)
        {
            case TableFormat.Csv:
                CsvTableReader.Read(path, ',', sink, ct);
                return [];
            case TableFormat.Tsv:
                CsvTableReader.Read(path, '\t', sink, ct);
                return [];
            case TableFormat.Jsonl:
                JsonlTableReader.Read(path, sink, ct);
                return [];
            default:
                return await ParquetTableReader.ReadAsync(path, sink, ct).ConfigureAwait(false);
        }
    }
}
