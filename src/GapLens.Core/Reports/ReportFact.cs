namespace GapLens.Core.Reports;

/// <summary>A fact about the run shown at the bottom of a report (tool version, inputs, seed, judge).</summary>
public sealed record ReportFact(string Label, string Value);
