namespace GapLens.Statistics;

/// <summary>One reliability-diagram bin: how many samples, their mean confidence and their accuracy.</summary>
public sealed record CalibrationBin(int Count, double Confidence, double Accuracy);
