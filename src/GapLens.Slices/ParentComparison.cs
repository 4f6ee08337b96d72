namespace GapLens.Slices;

/// <summary>
/// A slice against one of its parents (the slice with one predicate fewer): the failure rate of the
/// parent's other samples, the difference, and the p-value of the same two-group test. A child is
/// kept only when it is significantly worse (or better) than every parent.
/// </summary>
public sealed record ParentComparison(string Parent, long OtherSize, double? OtherRate, double? Difference, double? PValue, string Test);
