using GapLens.Core.Metrics;
using GapLens.Statistics;

namespace GapLens.Perception.Scoring;

/// <summary>A success rate with its Wilson 95% interval, or undefined with a reason when n is 0.</summary>
internal static class Rates
{
    public static MetricValue Wilson(long successes, long trials, string emptyReason = "no answered questions") =>
        trials == 0 ? MetricValue.Undefined(emptyReason) : MetricValue.Of((double)successes / trials, Proportions.Wilson(successes, trials));
}
