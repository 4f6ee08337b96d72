namespace GapLens.Core.Reports;

/// <summary>A mark on a <see cref="TimelineChart"/>: where (x), on which lane (0 = the first), its series
/// (named in the legend), colour (#rrggbb) and whether it is drawn hollow (e.g. outside a window).</summary>
public sealed record TimelineMark(double At, int Lane, string Series, string Color, bool Hollow = false);
