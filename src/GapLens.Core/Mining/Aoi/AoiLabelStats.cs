namespace GapLens.Core.Mining.Aoi;

/// <summary>Weakness statistics of one label group over all rows (metrics.json per_label).</summary>
public sealed record AoiLabelStats(string Group, long Total, double MeanWeakness, double MedianWeakness, double MaxWeakness, long Misclassified);
