using GapLens.Core.Metrics;
using GapLens.Core.Statistics;
using MathNet.Numerics.Distributions;

namespace GapLens.Perception;

/// <summary>Means with Student-t intervals (over questions, tasks, ...).</summary>
internal static class Summaries
{
    /// <summary>The mean with its two-sided 95% Student-t interval (none for a single value).</summary>
    /// <param name="x">The values.</param>
    /// <param name="emptyReason">Why the mean is undefined when there are no values.</param>
    /// <param name="quantiles">Optional cache of t quantiles by degrees of freedom, for callers that
    /// summarise thousands of groups (the quantile is a root search, ~10 us).</param>
    public static MetricValue Mean(IReadOnlyList<double> x, string emptyReason, Dictionary<int, double>? quantiles = null)
    {
        int n = x.Count;
        if (n == 0) return MetricValue.Undefined(emptyReason);
        double mean = 0;
        foreach (double v in x) mean += v;
        mean /= n;
        if (n < 2) return MetricValue.Of(mean);
        double ss = 0;
        foreach (double v in x) ss += (v - mean) * (v - mean);
        double t;
        if (quantiles is null || !quantiles.TryGetValue(n - 1, out t))
        {
            t = StudentT.InvCDF(0, 1, n - 1, 0.975);
            quantiles?.Add(n - 1, t);
        }
        double half = t * Math.Sqrt(ss / (n - 1) / n);
        return MetricValue.Of(mean, new Interval(mean - half, mean + half, 0.95, "student-t"));
    }
}
