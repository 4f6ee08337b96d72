using System.Collections.Immutable;
using GapLens.Core.Statistics;

namespace GapLens.Slices;

/// <summary>
/// One slice and its statistics against the rest of the samples: size and failures, the failure rate
/// with its Wilson 95% interval (and the rest's), the difference slice - rest with Newcombe's 95%
/// interval, the two-sided p-value (Fisher's exact test when an expected count is below 5, else the
/// pooled two-proportion z test) and its Benjamini-Hochberg q-value over every slice tested (null when
/// above the q-value cutoff, see <see cref="SliceAnalysis.QValueCutoff"/>); the expected gain, how much
/// the overall failure rate would drop if the slice failed as often as the rest ((size / N) x
/// difference, with the difference's interval scaled the same way); the failure kinds; the parents.
/// </summary>
public sealed record Slice(
    ImmutableArray<Predicate> Predicates,
    string Label,
    long Size,
    long Failures,
    double FailureRate,
    Interval? FailureRateCi,
    long RestSize,
    long RestFailures,
    double RestFailureRate,
    Interval? RestFailureRateCi,
    double Difference,
    Interval? DifferenceCi,
    double PValue,
    string Test,
    double? QValue,
    double Gain,
    Interval? GainCi,
    ImmutableArray<KindShare> Kinds,
    string? Driver,
    ImmutableArray<ParentComparison> Parents)
{
    public int Order => Predicates.Length;

    /// <summary>Failures the slice would have at the rest's rate, fewer: size x difference.</summary>
    public double FailuresAbove => Size * Difference;
}
