using GapLens.Core.Metrics;
using GapLens.Core.Statistics;
using MathNet.Numerics.Distributions;

namespace GapLens.Perception;

/// <summary>Means with Student-t intervals (over questions, tasks, ...).</summary>
internal static class Summaries
{
    /// <summary>The mean with its two-sided 95% Student-t interval (none for a single value).</summary>
    public static MetricValue Mean(IReadOnlyList<double> x, string emptyReason)
    {
        int n = x.Count;
        if (n == 0) return MetricValue.Undefined(emptyReason);
        double mean = 0;
        foreach (double v in x) mean += v;
        mean /= n;
        if (n < 2) return MetricValue.Of(mean);
        double ss = 0;
        foreach (double v in x) ss += (v - mean) * (v - mean);
        double half = StudentT.InvCDF(0, 1, n - 1, 0.975) * Math.Sqrt(ss / (n - 1) / n);
        return MetricValue.Of(mean, new Interval(mean - half, mean + half, 0.95, "student-t"));
    }
}
