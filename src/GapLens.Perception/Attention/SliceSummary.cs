using System.Collections.Immutable;

namespace GapLens.Perception.Attention;

/// <summary>A slice's metrics over a set of questions (all, or one task), with the IoU sweep and the
/// fraction of the maximum that gives the best mean IoU (null when no IoU is defined).</summary>
public sealed record SliceSummary(int Slice, ImmutableArray<MetricSummary> Metrics, ImmutableArray<IouSweepPoint> IouSweep, double? BestIouFraction);
