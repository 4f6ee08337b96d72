namespace GapLens.IO.Tables;

/// <summary>The table files <see cref="TableFile"/> reads.</summary>
public enum TableFormat
{
    /// <summary>Comma-separated values with a header row (RFC 4180 quoting).</summary>
    Csv,

    /// <summary>Tab-separated values with a header row.</summary>
    Tsv,

    /// <summary>JSON Lines: one JSON object per line (GapLens' samples.jsonl among them).</summary>
    Jsonl,

    /// <summary>Apache Parquet (scalar columns and lists of scalars).</summary>
    Parquet,
}
