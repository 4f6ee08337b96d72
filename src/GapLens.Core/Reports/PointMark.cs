namespace GapLens.Core.Reports;

/// <summary>A marked point (e.g. the chosen operating point).</summary>
public sealed record PointMark(double X, double Y, string Label);
