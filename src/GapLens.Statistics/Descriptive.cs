namespace GapLens.Statistics;

/// <summary>Descriptive statistics with numpy's definitions; null for empty input (or n &lt;= ddof).</summary>
public static class Descriptive
{
    public static double? Mean(ReadOnlySpan<double> x)
    {
        if (x.IsEmpty) return null;
        double s = 0;
        foreach (double v in x) s += v;
        return s / x.Length;
    }

    /// <summary>numpy.std(x, ddof): the two-pass form (mean first), as numpy computes it.</summary>
    public static double? Std(ReadOnlySpan<double> x, int ddof = 0)
    {
        if (x.Length <= ddof) return null;
        double m = Mean(x)!.Value, ss = 0;
        foreach (double v in x) ss += (v - m) * (v - m);
        return Math.Sqrt(ss / (x.Length - ddof));
    }

    /// <summary>numpy.median: the mean of the two middle values for an even count (one implementation
    /// with vcn_aoi's per-label medians: <see cref="GapLens.Core.Statistics.Quantiles.MedianInPlace"/>).</summary>
    public static double? Median(ReadOnlySpan<double> x) => x.IsEmpty ? null : GapLens.Core.Statistics.Quantiles.MedianInPlace(x.ToArray());

    /// <summary>numpy.quantile(x, q) with the default "linear" method.</summary>
    public static double? Quantile(ReadOnlySpan<double> x, double q)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        if (x.IsEmpty) return null;
        var s = x.ToArray();
        Array.Sort(s);
        return GapLens.Core.Statistics.Quantiles.Linear(s, q);
    }

    public static double? Min(ReadOnlySpan<double> x) => x.IsEmpty ? null : System.Linq.Enumerable.Min(x.ToArray());

    public static double? Max(ReadOnlySpan<double> x) => x.IsEmpty ? null : System.Linq.Enumerable.Max(x.ToArray());

    /// <summary>Average ranks (scipy.stats.rankdata, method "average"), 1-based.</summary>
    public static double[] Rank(ReadOnlySpan<double> x)
    {
        var idx = Enumerable.Range(0, x.Length).ToArray();
        var keys = x.ToArray();
        Array.Sort(keys, idx);
        var ranks = new double[x.Length];
        for (int i = 0; i < keys.Length;)
        {
            int j = i;
            while (j + 1 < keys.Length && keys[j + 1] == keys[i]) j++;
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) ranks[idx[k]] = r;
            i = j + 1;
        }
        return ranks;
    }
}
