using GapLens.Core.Metrics;

namespace GapLens.Perception.Attention;

/// <summary>
/// A metric over questions (each question weighs one): the mean with a Student-t 95% interval, the
/// chance mean (a uniform map on the same boxes), and the lift over chance (the mean paired
/// difference, with its interval: above 0 means better than chance for these box sizes). Higher is
/// better for all three.
/// </summary>
public sealed record MetricSummary(LocalisationMetric Metric, int Questions, MetricValue Mean, MetricValue Chance, MetricValue Lift);
