using System.Collections.Immutable;
using GapLens.Statistics;

namespace GapLens.Perception.Confidence;

/// <summary>
/// Calibration with one binning: expected calibration error (ECE: the bins' |accuracy - confidence|
/// weighted by their share of questions), maximum calibration error (MCE) and the Brier score, all
/// lower is better; and the reliability diagram (non-empty bins only).
/// </summary>
public sealed record CalibrationSummary(BinStrategy Strategy, int Bins, double Ece, double Mce, double Brier, ImmutableArray<ReliabilityBin> Diagram);
