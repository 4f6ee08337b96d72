namespace GapLens.Judging.Analysis;

/// <summary>Per-rater descriptives (std with ddof = 1).</summary>
public sealed record RaterStats(double? Mean, double? Std, double? Median, double? Min, double? Max);
