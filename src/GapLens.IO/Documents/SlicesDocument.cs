using System.Collections.Immutable;
using GapLens.Core.Statistics;

namespace GapLens.IO.Documents;

/// <summary>
/// slices.json, written by <c>gaplens slices</c>: the samples (per outcome class), the search (order,
/// support, alpha, slices tested = the Benjamini-Hochberg family), how many slices were significantly
/// worse or better, the rankings with every number of each slice, the features and what each outcome
/// value counted as. Rates are fractions; intervals are 95%; q-values are null above the cutoff where
/// they are not kept exactly.
/// </summary>
public sealed record SlicesDocument
{
    public const string CurrentFormat = "gaplens.slices/1";

    public string Format { get; init; } = CurrentFormat;

    public required string Source { get; init; }

    public required string OutcomeColumn { get; init; }

    public required int Samples { get; init; }

    public required long Failures { get; init; }

    /// <summary>[0] the success class, then the failure kinds.</summary>
    public required ImmutableArray<string> Classes { get; init; }

    public required ImmutableArray<long> ClassTotals { get; init; }

    public required double? FailureRate { get; init; }

    public required Interval? FailureRateCi { get; init; }

    public required int MaxOrder { get; init; }

    public required int MinSupport { get; init; }

    public required double Alpha { get; init; }

    public required long Tested { get; init; }

    public required ImmutableArray<long> TestedByOrder { get; init; }

    public required long SignificantWorse { get; init; }

    public required long SignificantWorseKept { get; init; }

    public required long SignificantBetter { get; init; }

    /// <summary>q-values above this are not kept exactly (null in the slices); 1: all exact.</summary>
    public required double QValueCutoff { get; init; }

    public required ImmutableArray<SliceDocument> WorseForSure { get; init; }

    public required ImmutableArray<SliceDocument> BiggestGain { get; init; }

    public required ImmutableArray<SliceDocument> Better { get; init; }

    /// <summary>When no slice is significantly worse: the closest ones (not significant).</summary>
    public required ImmutableArray<SliceDocument> NearMisses { get; init; }

    public required ImmutableArray<SliceFeatureDocument> Features { get; init; }

    public required ImmutableArray<SliceOutcomeValueDocument> OutcomeValues { get; init; }
}
