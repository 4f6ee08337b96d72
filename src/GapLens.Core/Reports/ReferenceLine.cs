namespace GapLens.Core.Reports;

/// <summary>A straight line y = slope * x + intercept across a scatter chart (y = x, a fitted line).</summary>
public sealed record ReferenceLine(double Slope, double Intercept, string Label, string Color, bool Dashed = false);
