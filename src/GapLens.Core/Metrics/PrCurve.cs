using System.Collections.Immutable;

namespace GapLens.Core.Metrics;

/// <summary>A precision-recall curve as scikit-learn 1.2 returns it: points in order of increasing
/// threshold, then the final (precision 1, recall 0) point without a threshold.</summary>
public sealed record PrCurve(ImmutableArray<double> Precision, ImmutableArray<double> Recall, ImmutableArray<double> Thresholds);
