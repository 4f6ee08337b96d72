using GapLens.Core.Metrics;

namespace GapLens.Core.Mining.Aoi;

/// <summary>The recall constraint checked for one defect label: how many of its samples the
/// threshold catches (score &gt; t) and misses, and whether its recall meets the target.</summary>
public sealed record AoiLabelRecall(string Group, long Caught, long Missed, MetricValue Recall, bool MeetsTarget);
