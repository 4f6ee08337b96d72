using MathNet.Numerics.Distributions;

namespace GapLens.Statistics;

/// <summary>
/// scipy.stats.wilcoxon(x, y) with its defaults (scipy 1.10): zero_method "wilcox" (zero differences
/// dropped), no continuity correction, method "auto": the exact distribution when there are at most
/// 50 differences and none is zero, otherwise the normal approximation with the tie correction. The
/// statistic is min(R+, R-) for the two-sided test and R+ for one-sided tests.
/// </summary>
public static class Wilcoxon
{
    public static TestResult SignedRank(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Alternative alternative = Alternative.TwoSided)
    {
        if (x.Length != y.Length) throw new ArgumentException("paired samples must have the same length", nameof(y));
        var all = new double[x.Length];
        for (int i = 0; i < all.Length; i++) all[i] = x[i] - y[i];
        if (all.Length == 0) return TestResult.Undefined("wilcoxon", "no pairs");
        bool exact = all.Length <= 50;
        int zeros = all.Count(v => v == 0);
        if (zeros > 0) exact = false;
        var d = all.Where(v => v != 0).ToArray();
        if (d.Length == 0) return TestResult.Undefined("wilcoxon", "all differences are zero");
        var r = Descriptive.Rank(d.Select(Math.Abs).ToArray());
        double rPlus = 0, rMinus = 0;
        for (int i = 0; i < d.Length; i++)
        {
            if (d[i] > 0) rPlus += r[i];
            else rMinus += r[i];
        }
        double t = alternative == Alternative.TwoSided ? Math.Min(rPlus, rMinus) : rPlus;
        int n = d.Length;
        double p;
        if (exact)
        {
            var pmf = Distribution(n);
            int rp = (int)rPlus; // scipy truncates (ties make R+ fractional)
            double less = 0, greater = 0;
            for (int k = 0; k <= rp; k++) less += pmf[k];
            for (int k = rp; k < pmf.Length; k++) greater += pmf[k];
            p = alternative switch
            {
                Alternative.Less => less,
                Alternative.Greater => greater,
                _ => rp == (pmf.Length - 1) / 2 ? 1.0 : 2 * Math.Min(less, greater),
            };
            return new TestResult(t, Math.Min(1.0, p), null, "wilcoxon-exact");
        }
        double mn = n * (n + 1.0) * 0.25;
        double se = n * (n + 1.0) * (2.0 * n + 1.0);
        foreach (var g in r.GroupBy(v => v).Where(g => g.Count() > 1))
        {
            double c = g.Count();
            se -= 0.5 * (c * (c * c - 1));
        }
        se = Math.Sqrt(se / 24);
        double z = (t - mn) / se;
        p = alternative switch
        {
            Alternative.Less => Normal.CDF(0, 1, z),
            Alternative.Greater => Tails.NormalSf(z),
            _ => 2 * Tails.NormalSf(Math.Abs(z)),
        };
        return new TestResult(t, Math.Min(1.0, p), null, "wilcoxon-normal");
    }

    /// <summary>Exact null distribution of R+ for n untied non-zero differences (counts / 2^n).</summary>
    private static double[] Distribution(int n)
    {
        int max = n * (n + 1) / 2;
        var counts = new double[max + 1];
        counts[0] = 1;
        for (int k = 1; k <= n; k++)
        {
            for (int s = max; s >= k; s--) counts[s] += counts[s - k];
        }
        double total = Math.Pow(2, n);
        return [.. counts.Select(c => c / total)];
    }
}
