namespace GapLens.Core.Statistics;

/// <summary>Quantiles of already sorted values.</summary>
public static class Quantiles
{
    /// <summary>numpy.quantile(values, q) with the default "linear" method, on ascending values.</summary>
    public static double Linear(IReadOnlyList<double> sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        double h = (sorted.Count - 1) * q;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Count - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
