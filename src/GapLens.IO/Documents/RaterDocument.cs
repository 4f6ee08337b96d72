namespace GapLens.IO.Documents;

/// <summary>One rater's descriptives (std with ddof = 1).</summary>
public sealed record RaterDocument(double? Mean, double? StdDdof1, double? Median, double? Min, double? Max);
