using System.Collections.Immutable;
using GapLens.Core.Statistics;

namespace GapLens.Slices;

/// <summary>
/// What a slice search found: the samples (N, failures per kind, the overall failure rate), how many
/// slices were tested (the Benjamini-Hochberg family), how many are worse or better than the rest at
/// q &lt;= alpha, and the rankings: <see cref="WorseForSure"/> by the lower bound of the difference,
/// <see cref="BiggestGain"/> by the lower bound of the expected gain (both: significant, worse, and not
/// redundant: a child only when it is significantly worse than each parent), <see cref="Better"/> by the
/// upper bound, and <see cref="NearMisses"/> (the best lower bounds when nothing is significant).
/// </summary>
public sealed record SliceAnalysis
{
    public required string Source { get; init; }

    public required string OutcomeColumn { get; init; }

    /// <summary>Samples with an outcome (excluded ones are not counted).</summary>
    public required int Rows { get; init; }

    /// <summary>Samples that failed (any kind).</summary>
    public required long Failures { get; init; }

    /// <summary>[0] the success class, then the failure kinds.</summary>
    public required ImmutableArray<string> Classes { get; init; }

    /// <summary>Samples per class.</summary>
    public required ImmutableArray<long> ClassTotals { get; init; }

    /// <summary>Failures / samples (null without samples), with its Wilson 95% interval.</summary>
    public required double? FailureRate { get; init; }

    public required Interval? FailureRateCi { get; init; }

    public required int MaxOrder { get; init; }

    public required int MinSupport { get; init; }

    public required double Alpha { get; init; }

    public required int Top { get; init; }

    /// <summary>Slices tested (each a hypothesis of the Benjamini-Hochberg family).</summary>
    public required long Tested { get; init; }

    /// <summary>Slices tested, by order (index = number of predicates; 0 unused).</summary>
    public required ImmutableArray<long> TestedByOrder { get; init; }

    /// <summary>Non-empty conjunctions below the support, by order: not tested, never extended.</summary>
    public required ImmutableArray<long> BelowSupportByOrder { get; init; }

    /// <summary>Feature combinations not counted because a sub-combination had no slice, by order.</summary>
    public required ImmutableArray<long> CombinationsPrunedByOrder { get; init; }

    /// <summary>Slices worse than the rest at q &lt;= alpha (redundant children included).</summary>
    public required long SignificantWorse { get; init; }

    /// <summary>Of those, the ones significantly worse than each of their parents too (the ones ranked).</summary>
    public required long SignificantWorseKept { get; init; }

    /// <summary>Slices better than the rest at q &lt;= alpha.</summary>
    public required long SignificantBetter { get; init; }

    /// <summary>The largest p-value rejected at alpha (-1: none).</summary>
    public required double RejectionThreshold { get; init; }

    /// <summary>q-values at or below this are exact; above it they are not kept (1: all exact).</summary>
    public required double QValueCutoff { get; init; }

    public required ImmutableArray<Slice> WorseForSure { get; init; }

    public required ImmutableArray<Slice> BiggestGain { get; init; }

    public required ImmutableArray<Slice> Better { get; init; }

    /// <summary>When no slice is significantly worse: the slices with the best lower bounds anyway (not significant).</summary>
    public required ImmutableArray<Slice> NearMisses { get; init; }

    public required ImmutableArray<FeatureSummary> Features { get; init; }

    /// <summary>Input columns that are not features, with the reason (ids, one value, duplicates).</summary>
    public required ImmutableArray<DroppedColumn> Dropped { get; init; }

    public required ImmutableArray<OutcomeValue> OutcomeValues { get; init; }

    /// <summary>Whether the search ran twice to fill a ranking exactly (more candidates than the first pass kept).</summary>
    public required bool SecondPass { get; init; }

    /// <summary>Bytes of the encoded table the search ran on.</summary>
    public required long TableBytes { get; init; }
}
