namespace GapLens.Core.Reports.Rca;

/// <summary>One reported sample (a CSV row).</summary>
public sealed record RcaSample(string Label, string InputPath, string ObjectName, double Score, double Weakness, bool Misclassified);
