namespace GapLens.IO.Documents;

/// <summary>A slice against the other samples of one parent (one predicate fewer): their number and
/// failure rate, the difference and the p-value of the same test (null when undefined, with why in Test).</summary>
public sealed record SliceParentDocument(string Parent, long OtherSize, double? OtherRate, double? Difference, double? PValue, string Test);
