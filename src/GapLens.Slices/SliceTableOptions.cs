using System.Collections.Immutable;

namespace GapLens.Slices;

/// <summary>
/// How a table's columns become a <see cref="FeatureTable"/>: which column is the outcome and which
/// values are failures, which columns are features (empty: every column but the outcome, the id and
/// image columns and columns named like ids), which CSV columns hold lists, how many quantile bins
/// numeric features get.
/// </summary>
public sealed record SliceTableOptions
{
    /// <summary>Numbers with at most this many distinct values are sliced on each value, not binned.</summary>
    public const int MaxExactNumericValues = 10;

    /// <summary>A text column with more distinct values than this is an id or free text unless named in <see cref="Features"/>.</summary>
    public const int MaxCategories = 65_536;

    public const int DefaultBins = 4;

    /// <summary>The outcome column.</summary>
    public required string Outcome { get; init; }

    /// <summary>The feature columns; empty: every column but the outcome, id and image columns and id-like names.</summary>
    public ImmutableArray<string> Features { get; init; } = [];

    /// <summary>When set, only columns under this prefix are features by default (GapLens' samples.jsonl: "metadata."), shown without it.</summary>
    public string? FeaturePrefix { get; init; }

    /// <summary>Text columns that are features even when they look like free text (a preset's question
    /// column); unlike <see cref="Features"/>, the other columns stay features too and the id rules still hold.</summary>
    public ImmutableArray<string> KeepText { get; init; } = [];

    public ImmutableArray<string> FailureValues { get; init; } = [];

    public ImmutableArray<string> SuccessValues { get; init; } = [];

    /// <summary>Text columns holding lists, split at <see cref="ListSeparator"/> (JSON arrays and Parquet lists are lists anyway).</summary>
    public ImmutableArray<string> ListFeatures { get; init; } = [];

    public string ListSeparator { get; init; } = "|";

    /// <summary>A column naming each sample (kept for examples); null: none.</summary>
    public string? IdColumn { get; init; }

    /// <summary>A column holding each sample's image path (for thumbnails); null: none.</summary>
    public string? ImageColumn { get; init; }

    /// <summary>Quantile bins of a numeric feature (2-20).</summary>
    public int Bins { get; init; } = DefaultBins;
}
