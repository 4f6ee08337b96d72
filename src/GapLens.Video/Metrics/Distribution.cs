using GapLens.Statistics;

namespace GapLens.Video.Metrics;

/// <summary>Summary of a set of values (numpy semantics: percentiles with the "linear" method); all null when there are none.</summary>
public sealed record Distribution(int Count, double? Mean, double? P50, double? P90, double? P95, double? P99, double? Max, double Sum)
{
    public static Distribution Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return new Distribution(0, null, null, null, null, null, null, 0);
        double[] v = [.. values];
        return new Distribution(v.Length, v.Average(), Descriptive.Quantile(v, 0.5), Descriptive.Quantile(v, 0.9), Descriptive.Quantile(v, 0.95),
            Descriptive.Quantile(v, 0.99), v.Max(), v.Sum());
    }
}
