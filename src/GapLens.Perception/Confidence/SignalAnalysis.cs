using GapLens.Core.Metrics;
using GapLens.Statistics;

namespace GapLens.Perception.Confidence;

/// <summary>
/// How well one confidence signal tracks correctness over the answered questions that have it:
/// accuracy and mean confidence (an overconfident model's mean confidence exceeds its accuracy),
/// AUROC of confidence for correctness (higher is better; 0.5 = confidence says nothing; DeLong 95%),
/// calibration with equal-width and equal-mass bins, and the risk-coverage curve with its area (AURC
/// and excess E-AURC, lower is better).
/// </summary>
public sealed record SignalAnalysis(
    ConfidenceSignal Signal, int Questions, int Correct, MetricValue Accuracy, MetricValue MeanConfidence, AurocResult Auroc,
    CalibrationSummary EqualWidth, CalibrationSummary EqualMass, RiskCoverageResult RiskCoverage);
