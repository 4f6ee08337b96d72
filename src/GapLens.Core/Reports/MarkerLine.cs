namespace GapLens.Core.Reports;

/// <summary>A vertical line at an x value, labelled in the legend (e.g. the chosen threshold).</summary>
public sealed record MarkerLine(double At, string Label);
