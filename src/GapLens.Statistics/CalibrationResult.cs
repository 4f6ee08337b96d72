using System.Collections.Immutable;

namespace GapLens.Statistics;

/// <summary>Calibration of predicted probabilities against 0/1 outcomes (lower is better for all three).</summary>
public sealed record CalibrationResult(double Brier, double Ece, double Mce, ImmutableArray<CalibrationBin> Bins, BinStrategy Strategy);
