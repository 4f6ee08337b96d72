namespace GapLens.Core.Reports;

/// <summary>A shaded span of a <see cref="TimelineChart"/> across every lane, with its legend label and colour (#rrggbb).</summary>
public sealed record TimelineWindow(double From, double To, string Label, string Color);
