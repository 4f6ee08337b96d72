namespace GapLens.Jobs.VcnAoi;

/// <summary>One reported sample (a CSV row) of a vcn_aoi run.</summary>
public sealed record RcaSample(int Row, string Label, string InputPath, string ObjectName, double Score, double Weakness, bool Misclassified);
