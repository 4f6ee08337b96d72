namespace GapLens.Core.Statistics;

/// <summary>A two-sided confidence interval with its level (0.95 for 95%) and method name.</summary>
public sealed record Interval(double Lower, double Upper, double Level, string Method);
