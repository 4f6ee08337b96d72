using GapLens.Core.Metrics;

namespace GapLens.Perception.Attention;

/// <summary>The mean IoU over questions when the maps are thresholded at <paramref name="Fraction"/> of their maximum.</summary>
public sealed record IouSweepPoint(double Fraction, MetricValue MeanIou);
