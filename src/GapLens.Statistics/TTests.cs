using MathNet.Numerics.Distributions;

namespace GapLens.Statistics;

/// <summary>Student t tests as scipy.stats computes them.</summary>
public static class TTests
{
    /// <summary>scipy.stats.ttest_rel(x, y): t = mean(d) / (sd(d) / sqrt(n)), df = n - 1.</summary>
    public static TestResult Paired(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Alternative alternative = Alternative.TwoSided)
    {
        if (x.Length != y.Length) throw new ArgumentException("paired samples must have the same length", nameof(y));
        if (x.Length < 2) return TestResult.Undefined("ttest_rel", "fewer than 2 pairs");
        var d = new double[x.Length];
        for (int i = 0; i < d.Length; i++) d[i] = x[i] - y[i];
        double sd = Descriptive.Std(d, 1)!.Value;
        if (sd == 0) return TestResult.Undefined("ttest_rel", "all differences are equal (zero variance)");
        double t = Descriptive.Mean(d)!.Value / (sd / Math.Sqrt(d.Length));
        return FromT(t, d.Length - 1, alternative, "ttest_rel");
    }

    /// <summary>scipy.stats.ttest_ind(x, y, equal_var=False): Welch's t with the
    /// Welch-Satterthwaite degrees of freedom.</summary>
    public static TestResult Welch(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Alternative alternative = Alternative.TwoSided)
    {
        if (x.Length < 2 || y.Length < 2) return TestResult.Undefined("welch", "each sample needs at least 2 values");
        double vx = Math.Pow(Descriptive.Std(x, 1)!.Value, 2) / x.Length;
        double vy = Math.Pow(Descriptive.Std(y, 1)!.Value, 2) / y.Length;
        if (vx + vy == 0) return TestResult.Undefined("welch", "both samples are constant (zero variance)");
        double df = (vx + vy) * (vx + vy) / (vx * vx / (x.Length - 1) + vy * vy / (y.Length - 1));
        double t = (Descriptive.Mean(x)!.Value - Descriptive.Mean(y)!.Value) / Math.Sqrt(vx + vy);
        return FromT(t, df, alternative, "welch");
    }

    internal static TestResult FromT(double t, double df, Alternative alternative, string method)
    {
        double p = alternative switch
        {
            Alternative.Less => StudentT.CDF(0, 1, df, t),
            Alternative.Greater => StudentT.CDF(0, 1, df, -t),
            _ => 2 * StudentT.CDF(0, 1, df, -Math.Abs(t)),
        };
        return new TestResult(t, Math.Min(1.0, p), df, method);
    }

    /// <summary>
    /// Two one-sided tests for paired means (statsmodels ttost_paired): equivalence within
    /// (low, upp) is shown when the larger of the two one-sided p-values is small. Use this, not a
    /// non-significant t test, to claim two raters or models are equivalent.
    /// </summary>
    public static TestResult EquivalencePaired(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double low, double upp)
    {
        if (x.Length != y.Length) throw new ArgumentException("paired samples must have the same length", nameof(y));
        if (x.Length < 2) return TestResult.Undefined("tost_paired", "fewer than 2 pairs");
        var d = new double[x.Length];
        for (int i = 0; i < d.Length; i++) d[i] = x[i] - y[i];
        double sd = Descriptive.Std(d, 1)!.Value;
        double m = Descriptive.Mean(d)!.Value;
        if (sd == 0)
        {
            // Every difference equals m: equivalence holds for certain inside the margin and fails
            // for certain outside it (statsmodels reaches the same through infinite t statistics).
            bool inside = m > low && m < upp;
            return new TestResult(null, inside ? 0.0 : 1.0, d.Length - 1, "tost_paired", "zero variance: decided by the constant difference alone");
        }
        double se = sd / Math.Sqrt(d.Length);
        var lower = FromT((m - low) / se, d.Length - 1, Alternative.Greater, "tost");
        var upper = FromT((m - upp) / se, d.Length - 1, Alternative.Less, "tost");
        var binding = lower.PValue >= upper.PValue ? lower : upper; // the test that decides
        return new TestResult(binding.Statistic, binding.PValue, d.Length - 1, "tost_paired");
    }
}
