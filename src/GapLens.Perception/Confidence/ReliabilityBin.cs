using GapLens.Core.Metrics;

namespace GapLens.Perception.Confidence;

/// <summary>One point of a reliability diagram: the questions in a confidence bin, their mean
/// confidence and their accuracy with its Wilson 95% interval (a calibrated model lies on the diagonal).</summary>
public sealed record ReliabilityBin(int Count, double MeanConfidence, MetricValue Accuracy);
