using System.Collections.Immutable;
using GapLens.Core.Statistics;

namespace GapLens.IO.Documents;

/// <summary>One slice of slices.json: its predicates, size and failures, failure rate (Wilson) and the
/// rest's, the difference (Newcombe), the test and its p-value, the Benjamini-Hochberg q-value, the
/// expected gain, the failure kinds and the comparison with each parent.</summary>
public sealed record SliceDocument(
    string Label,
    ImmutableArray<SlicePredicateDocument> Predicates,
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
    string? Driver,
    ImmutableArray<SliceKindDocument> Kinds,
    ImmutableArray<SliceParentDocument> Parents);
