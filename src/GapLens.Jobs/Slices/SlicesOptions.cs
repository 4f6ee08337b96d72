using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core;
using GapLens.Core.Config;
using GapLens.Slices;

namespace GapLens.Jobs.Slices;

/// <summary>Options of <c>gaplens slices</c>: the per-sample results (a file or a run folder), where the
/// report goes, the outcome column and how its values map to success and failure kinds, the features,
/// the search (order, support, alpha) and how much each ranking shows.</summary>
/// <param name="Results">A per-sample table (CSV, TSV, JSONL, Parquet) or a GapLens run folder holding samples.jsonl.</param>
/// <param name="OutDir">The report folder; null: &lt;folder of the results&gt;/slices.</param>
/// <param name="Outcome">The outcome column; null: "outcome".</param>
/// <param name="Features">Feature columns; empty: every column but the outcome and id-like ones (of samples.jsonl: its metadata).</param>
/// <param name="MaxOrder">Predicates per slice at most.</param>
/// <param name="MinSupport">Samples per slice at least; null: <see cref="SliceOptions.DefaultMinSupport"/>.</param>
/// <param name="Alpha">False discovery rate (Benjamini-Hochberg) and level of the parent check.</param>
/// <param name="Top">Slices per ranking.</param>
/// <param name="Bins">Quantile bins of a numeric feature.</param>
/// <param name="ListFeatures">Text columns holding lists separated by <paramref name="ListSeparator"/>.</param>
/// <param name="ListSeparator">The separator of <paramref name="ListFeatures"/>.</param>
/// <param name="FailureValues">Outcome values that are failures (the others: success).</param>
/// <param name="SuccessValues">Outcome values that are successes (the others: failures).</param>
public sealed record SlicesOptions(
    string Results,
    string? OutDir = null,
    string? Outcome = null,
    ImmutableArray<string> Features = default,
    int MaxOrder = 2,
    int? MinSupport = null,
    double Alpha = AnalysisDefaults.Alpha,
    int Top = 20,
    int Bins = SliceTableOptions.DefaultBins,
    ImmutableArray<string> ListFeatures = default,
    string ListSeparator = "|",
    ImmutableArray<string> FailureValues = default,
    ImmutableArray<string> SuccessValues = default) : IJobOptions
{
    public const int DefaultBins = SliceTableOptions.DefaultBins;

    public static readonly ValueRange MaxOrderRange = ValueRange.Integers(1, SliceOptions.MaxMaxOrder);
    public static readonly ValueRange MinSupportRange = ValueRange.Integers(1, int.MaxValue) with { NullMeans = "5, or 0.1% of the samples when that is more" };
    public static readonly ValueRange AlphaRange = new(0, 1, MinOpen: true, MaxOpen: true);
    public static readonly ValueRange TopRange = ValueRange.Integers(1, SliceOptions.MaxTop);
    public static readonly ValueRange BinsRange = ValueRange.Integers(2, 20);

    public IEnumerable<BoundedValue> Numbers() =>
    [
        new("--max-order", MaxOrder, MaxOrderRange),
        new("--min-support", MinSupport, MinSupportRange),
        new("--alpha", Alpha, AlphaRange),
        new("--top", Top, TopRange),
        new("--bins", Bins, BinsRange),
    ];

    public IEnumerable<KeyValuePair<string, string?>> Describe() =>
    [
        new("results", Results),
        new("out", OutDir),
        new("outcome", Outcome),
        new("features", Join(Features)),
        new("max_order", MaxOrder.ToString(CultureInfo.InvariantCulture)),
        new("min_support", MinSupport?.ToString(CultureInfo.InvariantCulture)),
        new("alpha", Alpha.ToString("R", CultureInfo.InvariantCulture)),
        new("top", Top.ToString(CultureInfo.InvariantCulture)),
        new("bins", Bins.ToString(CultureInfo.InvariantCulture)),
        new("list_features", Join(ListFeatures)),
        new("list_separator", ListSeparator),
        new("failure_values", Join(FailureValues)),
        new("success_values", Join(SuccessValues)),
    ];

    /// <summary>The search's options.</summary>
    public SliceOptions Search() => new() { MaxOrder = MaxOrder, MinSupport = MinSupport, Alpha = Alpha, Top = Top };

    private static string? Join(ImmutableArray<string> values) => values.IsDefaultOrEmpty ? null : string.Join(',', values);
}
