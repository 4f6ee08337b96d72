using GapLens.Core.Statistics;
using MathNet.Numerics.Distributions;

namespace GapLens.Statistics;

/// <summary>Intervals and tests for proportions and multiple comparisons (statsmodels semantics).</summary>
public static class Proportions
{
    /// <summary>Wilson score interval (statsmodels method "wilson"); see <see cref="ProportionIntervals.Wilson"/>.</summary>
    public static Interval? Wilson(long successes, long trials, double level = 0.95) =>
        ProportionIntervals.Wilson(successes, trials, Normal.InvCDF(0, 1, 1 - (1 - level) / 2), level);

    /// <summary>Clopper-Pearson exact interval (statsmodels method "beta"). Null when n is 0.</summary>
    public static Interval? ClopperPearson(long successes, long trials, double level = 0.95)
    {
        if (trials == 0) return null;
        double alpha = 1 - level;
        double lo = successes == 0 ? 0 : Beta.InvCDF(successes, trials - successes + 1, alpha / 2);
        double hi = successes == trials ? 1 : Beta.InvCDF(successes + 1, trials - successes, 1 - alpha / 2);
        return new Interval(lo, hi, level, "clopper-pearson");
    }

    /// <summary>
    /// McNemar's test for two models on the same items (statsmodels mcnemar), from the 2x2 table
    /// [[both right, a right b wrong], [a wrong b right, both wrong]]; only the discordant cells
    /// matter. Exact: binomial, statistic = min(b, c). Otherwise chi-square with 1 df, with or without
    /// the continuity correction.
    /// </summary>
    public static TestResult McNemar(long[,] table, bool exact = true, bool correction = true)
    {
        ArgumentNullException.ThrowIfNull(table);
        long b = table[0, 1], c = table[1, 0];
        if (b + c == 0) return TestResult.Undefined("mcnemar", "no discordant pairs: the two models never disagree");
        if (exact)
        {
            long k = Math.Min(b, c);
            double p = Math.Min(1.0, 2 * Binomial.CDF(0.5, (int)(b + c), k));
            return new TestResult(k, p, null, "mcnemar-exact");
        }
        double diff = Math.Abs(b - c) - (correction ? 1.0 : 0.0);
        double stat = diff * diff / (b + c);
        return new TestResult(stat, Tails.ChiSquaredSf(stat, 1), 1, correction ? "mcnemar-chi2-corrected" : "mcnemar-chi2");
    }

    /// <summary>Benjamini-Hochberg adjusted p-values (statsmodels multipletests "fdr_bh"), in input
    /// order, and which hypotheses are rejected at <paramref name="alpha"/>.</summary>
    public static (double[] Adjusted, bool[] Reject) BenjaminiHochberg(ReadOnlySpan<double> p, double alpha = 0.05)
    {
        int m = p.Length;
        var order = Enumerable.Range(0, m).ToArray();
        var sorted = p.ToArray();
        Array.Sort(sorted, order);
        var raw = new double[m];
        for (int i = 0; i < m; i++) raw[i] = sorted[i] / ((i + 1.0) / m);
        var adjusted = new double[m];
        double running = double.PositiveInfinity;
        for (int i = m - 1; i >= 0; i--)
        {
            running = Math.Min(running, raw[i]);
            adjusted[order[i]] = Math.Min(1.0, running);
        }
        int last = -1;
        for (int i = 0; i < m; i++)
        {
            if (sorted[i] <= (i + 1.0) / m * alpha) last = i;
        }
        var reject = new bool[m];
        for (int i = 0; i <= last; i++) reject[order[i]] = true;
        return (adjusted, reject);
    }
}
