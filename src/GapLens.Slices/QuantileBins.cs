using System.Collections.Immutable;
using System.Globalization;

namespace GapLens.Slices;

/// <summary>
/// Quantile bins as pandas.qcut(x, q, duplicates="drop") makes them: edges at numpy.quantile(x,
/// linspace(0, 1, q + 1)) (linear interpolation, numpy's operation order), repeated edges dropped,
/// bin 0 = [e0, e1], bin i = (ei, ei+1].
/// </summary>
public static class QuantileBins
{
    /// <summary>The distinct edges for <paramref name="bins"/> bins of ascending finite values (at least one).</summary>
    public static ImmutableArray<double> Edges(ReadOnlySpan<double> sorted, int bins)
    {
        if (sorted.IsEmpty) throw new ArgumentException("no values", nameof(sorted));
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        double step = 1.0 / bins;
        var edges = new List<double>(bins + 1);
        for (int i = 0; i <= bins; i++)
        {
            double e = Quantile(sorted, i == bins ? 1.0 : i * step);
            if (edges.Count == 0 || e != edges[^1]) edges.Add(e);
        }
        return [.. edges];
    }

    /// <summary>numpy.quantile(sorted, q) with method "linear": index (n-1)q, and numpy's lerp (from the upper value when the weight is at least 0.5).</summary>
    public static double Quantile(ReadOnlySpan<double> sorted, double q)
    {
        int n = sorted.Length;
        double index = (n - 1) * q;
        if (index >= n - 1) return sorted[n - 1];
        if (index < 0) return sorted[0];
        int lo = (int)Math.Floor(index);
        double t = index - lo;
        double a = sorted[lo], b = sorted[lo + 1];
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /// <summary>The bin of a value (searchsorted left, the lowest edge in bin 0); values beyond the ends (infinities) go to the first or last bin.</summary>
    public static int BinOf(ImmutableArray<double> edges, double value)
    {
        int bins = Math.Max(1, edges.Length - 1);
        if (value <= edges[0]) return 0;
        int lo = 0, hi = edges.Length; // first edge >= value
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return Math.Min(lo - 1, bins - 1);
    }

    /// <summary>Labels "[e0, e1]", "(e1, e2]", ...: edges written with 6 significant digits, or in full where that would make two alike.</summary>
    public static ImmutableArray<string> Labels(ImmutableArray<double> edges)
    {
        var shortForm = edges.Select(e => Format(e, "G6")).ToList();
        var text = shortForm.Distinct(StringComparer.Ordinal).Count() == shortForm.Count ? shortForm : [.. edges.Select(e => Format(e, "R"))];
        if (edges.Length == 1) return [$"[{text[0]}, {text[0]}]"];
        return [.. Enumerable.Range(0, edges.Length - 1).Select(i => (i == 0 ? "[" : "(") + text[i] + ", " + text[i + 1] + "]")];
    }

    private static string Format(double v, string format) => v == 0 ? "0" : v.ToString(format, CultureInfo.InvariantCulture);
}
