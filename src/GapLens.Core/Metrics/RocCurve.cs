using System.Collections.Immutable;

namespace GapLens.Core.Metrics;

/// <summary>An ROC curve as scikit-learn 1.2 returns it (first threshold = max score + 1). FPR (TPR)
/// is null when there are no negatives (positives): the curve is undefined then.</summary>
public sealed record RocCurve(ImmutableArray<double>? Fpr, ImmutableArray<double>? Tpr, ImmutableArray<double> Thresholds);
