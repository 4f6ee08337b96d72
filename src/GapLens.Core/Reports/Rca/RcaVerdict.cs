using System.Collections.Immutable;

namespace GapLens.Core.Reports.Rca;

/// <summary>Section 1. Numbers are already formatted the way the TAO logs print them.</summary>
public sealed record RcaVerdict(
    string Threshold,
    string Precision,
    string Recall,
    string F1,
    bool KpiReachable,
    bool ThresholdPinned,
    long Total,
    long Pass,
    long NoPass,
    long WeakKept,
    ImmutableArray<(string Label, long Misclassified)> TopLabels,
    string Headline);
