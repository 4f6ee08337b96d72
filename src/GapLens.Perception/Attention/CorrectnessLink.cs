using GapLens.Statistics;

namespace GapLens.Perception.Attention;

/// <summary>
/// How well one metric of one slice predicts that the question was answered correctly, over the
/// answered questions with maps: AUROC of the metric for correctness (0.5 = no link, above = better
/// localisation goes with right answers; DeLong 95% interval) and the point-biserial r (Fisher
/// interval, p-value).
/// </summary>
public sealed record CorrectnessLink(int Slice, LocalisationMetric Metric, int Questions, int Correct, AurocResult Auroc, CorrelationResult PointBiserial);
