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

    /// <summary>
    /// The median with numpy's definition (the mean of the two middle values for an even count), by
    /// quickselect: O(n) on average, no sort. Reorders <paramref name="values"/>. NaN for no values.
    /// </summary>
    public static double MedianInPlace(Span<double> values)
    {
        int n = values.Length;
        if (n == 0) return double.NaN;
        double upper = Select(values, n / 2);
        if (n % 2 == 1) return upper;
        double lower = double.NegativeInfinity;
        foreach (double v in values[..(n / 2)]) if (v > lower) lower = v;
        return (lower + upper) / 2.0;
    }

    /// <summary>The k-th smallest value (0-based) by quickselect with a fixed-seed pivot; reorders
    /// <paramref name="a"/> so that a[..k] holds the values at or below it.</summary>
    internal static double Select(Span<double> a, int k)
    {
        int lo = 0, hi = a.Length - 1;
        ulong state = 0x9E3779B97F4A7C15UL;
        while (lo < hi)
        {
            state = state * 6364136223846793005UL + 1442695040888963407UL;
            double pivot = a[lo + (int)((state >> 33) % (ulong)(hi - lo + 1))];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j)
                {
                    (a[i], a[j]) = (a[j], a[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j) hi = j;
            else if (k >= i) lo = i;
            else break;
        }
        return a[k];
    }
}
