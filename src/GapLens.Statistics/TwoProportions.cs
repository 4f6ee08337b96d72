using GapLens.Core.Statistics;
using MathNet.Numerics.Distributions;

namespace GapLens.Statistics;

/// <summary>
/// Comparing two independent proportions (failures f1 of n1 against f2 of n2): Fisher's exact test
/// (scipy.stats.fisher_exact, two-sided), the pooled two-proportion z test (statsmodels
/// proportions_ztest), Newcombe's hybrid score interval of the difference (statsmodels
/// confint_proportions_2indep, method "newcomb") and the rule that picks the test.
/// </summary>
public static class TwoProportions
{
    /// <summary>Fisher's exact test is used when an expected count of the 2x2 table is below this (Cochran's rule).</summary>
    public const double SmallExpectedCount = 5;

    public const string FisherMethod = "fisher-exact";
    public const string ZMethod = "two-proportion-z";

    /// <summary>
    /// Two-sided: Fisher's exact test when any expected count of the table [[f1, n1-f1], [f2, n2-f2]]
    /// is below <see cref="SmallExpectedCount"/>, otherwise the pooled z test. Both groups need at least
    /// one sample.
    /// </summary>
    public static TestResult Compare(long f1, long n1, long f2, long n2)
    {
        Check(f1, n1);
        Check(f2, n2);
        if (n1 == 0 || n2 == 0) return TestResult.Undefined(ZMethod, "a group is empty");
        return HasSmallExpectedCount(f1, n1, f2, n2) ? FisherExact(f1, n1 - f1, f2, n2 - f2) : ZTest(f1, n1, f2, n2);
    }

    /// <summary>Whether any expected count (row total x column total / total) is below <see cref="SmallExpectedCount"/>.</summary>
    public static bool HasSmallExpectedCount(long f1, long n1, long f2, long n2)
    {
        double n = n1 + n2, f = f1 + f2, s = n - f;
        double small = Math.Min(n1, n2) * Math.Min(f, s) / n;
        return small < SmallExpectedCount;
    }

    /// <summary>
    /// The pooled two-proportion z test, two-sided, in statsmodels' operation order:
    /// z = (f1/n1 - f2/n2) / sqrt(p(1-p)(1/n1 + 1/n2)) with p = (f1+f2)/(n1+n2); p = 2 sf(|z|).
    /// Undefined when the pooled proportion is 0 or 1 (no variance).
    /// </summary>
    public static TestResult ZTest(long f1, long n1, long f2, long n2)
    {
        Check(f1, n1);
        Check(f2, n2);
        if (n1 == 0 || n2 == 0) return TestResult.Undefined(ZMethod, "a group is empty");
        double p1 = f1 * 1.0 / n1, p2 = f2 * 1.0 / n2;
        double pooled = (f1 + f2) * 1.0 / (n1 + n2);
        double var = pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2);
        if (!(var > 0)) return TestResult.Undefined(ZMethod, pooled == 0 ? "no failures in either group" : "every sample failed in both groups");
        double z = (p1 - p2) / Math.Sqrt(var);
        return new TestResult(z, Math.Min(1.0, Tails.NormalSf(Math.Abs(z)) * 2), null, ZMethod);
    }

    /// <summary>
    /// Fisher's exact test of the 2x2 table [[a, b], [c, d]], two-sided as scipy 1.10 computes it: the
    /// probability, under the hypergeometric law of a given the margins, of every table at most as
    /// likely as the observed one (relative tolerance 1e-14). The statistic is the sample odds ratio
    /// ad/bc (null when b or c is 0: infinite or undefined). p = 1 when a row or column total is 0.
    /// </summary>
    public static TestResult FisherExact(long a, long b, long c, long d)
    {
        if (a < 0 || b < 0 || c < 0 || d < 0) throw new ArgumentOutOfRangeException(nameof(a), "counts must be non-negative");
        double? odds = b > 0 && c > 0 ? (double)a * d / ((double)b * c) : null;
        long n1 = a + b, n2 = c + d, n = a + c;
        if (n1 == 0 || n2 == 0 || n == 0 || b + d == 0) return new TestResult(odds, 1.0, null, FisherMethod);
        long total = n1 + n2;
        long lo = Math.Max(0, n - n2), hi = Math.Min(n, n1);
        long mode = (long)((n + 1.0) * (n1 + 1.0) / (total + 2.0));
        mode = Math.Clamp(mode, lo, hi);
        // log pmf(x) - log pmf(mode) by the ratio pmf(x+1)/pmf(x) = (n1-x)(n-x) / ((x+1)(n2-n+x+1)),
        // normalised by the sum over the support (no log-gamma: exact to rounding for any size).
        int width = checked((int)(hi - lo + 1));
        var logRel = new double[width];
        for (long x = mode + 1; x <= hi; x++)
        {
            logRel[x - lo] = logRel[x - 1 - lo] + Math.Log((double)(n1 - x + 1) * (n - x + 1) / ((double)x * (n2 - n + x)));
        }
        for (long x = mode - 1; x >= lo; x--)
        {
            logRel[x - lo] = logRel[x + 1 - lo] + Math.Log((double)(x + 1) * (n2 - n + x + 1) / ((double)(n1 - x) * (n - x)));
        }
        double total1 = 0;
        for (int i = 0; i < width; i++) total1 += Math.Exp(logRel[i]);
        double pExact = Math.Exp(logRel[a - lo]);
        const double gamma = 1 + 1e-14;
        if (Math.Abs(pExact - 1.0) / Math.Max(pExact, 1.0) <= 1e-14) return new TestResult(odds, 1.0, null, FisherMethod);
        double sum = 0;
        if (a < mode)
        {
            for (long x = lo; x <= a; x++) sum += Math.Exp(logRel[x - lo]);
            for (long x = hi; x >= mode && x > a && Math.Exp(logRel[x - lo]) <= pExact * gamma; x--) sum += Math.Exp(logRel[x - lo]);
        }
        else
        {
            for (long x = a; x <= hi; x++) sum += Math.Exp(logRel[x - lo]);
            for (long x = lo; x <= mode && x < a && Math.Exp(logRel[x - lo]) <= pExact * gamma; x++) sum += Math.Exp(logRel[x - lo]);
        }
        return new TestResult(odds, Math.Min(1.0, sum / total1), null, FisherMethod);
    }

    /// <summary>
    /// Newcombe's hybrid score interval of p1 - p2 (method 10 of Newcombe 1998; statsmodels "newcomb"):
    /// from the Wilson intervals [l1, u1] and [l2, u2], lower = d - sqrt((p1-l1)² + (u2-p2)²) and
    /// upper = d + sqrt((p2-l2)² + (u1-p1)²). Null when a group is empty.
    /// </summary>
    public static Interval? DifferenceInterval(long f1, long n1, long f2, long n2, double level = Core.AnalysisDefaults.ConfidenceLevel)
    {
        Check(f1, n1);
        Check(f2, n2);
        if (n1 == 0 || n2 == 0) return null;
        double z = level == 0.95 ? ProportionIntervals.Z95 : Normal.InvCDF(0, 1, 1 - (1 - level) / 2);
        var w1 = ProportionIntervals.Wilson(f1, n1, z, level)!;
        var w2 = ProportionIntervals.Wilson(f2, n2, z, level)!;
        double p1 = f1 * 1.0 / n1, p2 = f2 * 1.0 / n2;
        double diff = p1 - p2;
        double dLow = Math.Sqrt((p1 - w1.Lower) * (p1 - w1.Lower) + (w2.Upper - p2) * (w2.Upper - p2));
        double dUpp = Math.Sqrt((p2 - w2.Lower) * (p2 - w2.Lower) + (w1.Upper - p1) * (w1.Upper - p1));
        return new Interval(diff - dLow, diff + dUpp, level, "newcombe");
    }

    private static void Check(long f, long n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(f);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(f, n);
    }
}
