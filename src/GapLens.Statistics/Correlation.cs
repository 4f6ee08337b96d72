using GapLens.Core.Statistics;
using MathNet.Numerics.Distributions;

namespace GapLens.Statistics;

/// <summary>Correlation coefficients with their p-values, as scipy.stats computes them.</summary>
public static class Correlation
{
    /// <summary>scipy.stats.pearsonr: r and the two-sided p-value (exact, via the t distribution).</summary>
    public static TestResult Pearson(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("samples must have the same length", nameof(y));
        if (x.Length < 3) return TestResult.Undefined("pearson", "fewer than 3 pairs");
        double? r = R(x, y);
        if (r is null) return TestResult.Undefined("pearson", "an input is constant: the correlation is undefined");
        return new TestResult(r, PFromR(r.Value, x.Length), x.Length - 2, "pearson");
    }

    /// <summary>
    /// scipy.stats.pointbiserialr(y, x): Pearson's r between a 0/1 variable and a continuous one (r &gt; 0:
    /// higher x goes with y true), its two-sided p-value, and the Fisher-z interval that scipy's
    /// <c>pearsonr(...).confidence_interval(level)</c> gives: tanh(atanh(r) +- z / sqrt(n - 3)), and
    /// [-1, 1] for n &lt;= 3.
    /// </summary>
    public static CorrelationResult PointBiserial(ReadOnlySpan<double> x, ReadOnlySpan<bool> y, double level = 0.95)
    {
        if (x.Length != y.Length) throw new ArgumentException("samples must have the same length", nameof(y));
        var y01 = new double[y.Length];
        for (int i = 0; i < y.Length; i++) y01[i] = y[i] ? 1 : 0;
        var t = Pearson(x, y01);
        if (t.Statistic is not { } r) return CorrelationResult.Undefined("point-biserial", x.Length, t.UndefinedReason!);
        int n = x.Length;
        Interval ci;
        if (n > 3)
        {
            double z = Math.Atanh(r), se = Math.Sqrt(1.0 / (n - 3)), h = Normal.InvCDF(0, 1, 0.5 + level / 2);
            ci = new Interval(Math.Tanh(z - h * se), Math.Tanh(z + h * se), level, "fisher-z");
        }
        else
        {
            ci = new Interval(-1, 1, level, "fisher-z");
        }
        return new CorrelationResult(r, t.PValue, ci, n, "point-biserial");
    }

    /// <summary>scipy.stats.spearmanr: Pearson's r on average ranks; p from t with n - 2 df.</summary>
    public static TestResult Spearman(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("samples must have the same length", nameof(y));
        if (x.Length < 3) return TestResult.Undefined("spearman", "fewer than 3 pairs");
        double? rho = R(Descriptive.Rank(x), Descriptive.Rank(y));
        if (rho is null) return TestResult.Undefined("spearman", "an input is constant: the correlation is undefined");
        double r = rho.Value;
        int df = x.Length - 2;
        double t = r * Math.Sqrt(df / ((r + 1.0) * (1.0 - r)));
        double p = double.IsInfinity(t) || double.IsNaN(t) ? 0.0 : 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        return new TestResult(r, p, df, "spearman");
    }

    /// <summary>
    /// scipy.stats.kendalltau (tau-b): ties corrected in both variables; exact p-value when there
    /// are no ties and n &lt;= 33 (or almost all pairs agree), otherwise the normal approximation with
    /// the tie-corrected variance.
    /// </summary>
    public static TestResult Kendall(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length) throw new ArgumentException("samples must have the same length", nameof(y));
        int n = x.Length;
        if (n < 2) return TestResult.Undefined("kendall", "fewer than 2 pairs");
        long con = 0, dis = 0, xTie = 0, yTie = 0, bothTie = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                double dx = x[i] - x[j], dy = y[i] - y[j];
                if (dx == 0 && dy == 0) bothTie++;
                if (dx == 0) xTie++;
                if (dy == 0) yTie++;
                if (dx != 0 && dy != 0)
                {
                    if (dx * dy > 0) con++;
                    else dis++;
                }
            }
        }
        long tot = (long)n * (n - 1) / 2;
        if (xTie == tot || yTie == tot) return TestResult.Undefined("kendall", "an input is constant: the correlation is undefined");
        double conMinusDis = con - dis;
        double tau = Math.Clamp(conMinusDis / Math.Sqrt(tot - xTie) / Math.Sqrt(tot - yTie), -1, 1);
        if (xTie == 0 && yTie == 0 && (n <= 33 || Math.Min(dis, tot - dis) <= 1))
        {
            return new TestResult(tau, ExactP(n, tot - dis), null, "kendall-exact");
        }
        var (x0, x1) = TieSums(x);
        var (y0, y1) = TieSums(y);
        double m = n * (n - 1.0);
        double var = (m * (2 * n + 5) - x1 - y1) / 18 + 2.0 * xTie * yTie / m + x0 * y0 / (9 * m * (n - 2));
        double z = conMinusDis / Math.Sqrt(var);
        return new TestResult(tau, 2 * Tails.NormalSf(Math.Abs(z)), null, "kendall-normal");
    }

    private static (double X0, double X1) TieSums(ReadOnlySpan<double> v)
    {
        double s0 = 0, s1 = 0;
        foreach (var g in v.ToArray().GroupBy(a => a))
        {
            double c = g.Count();
            if (c < 2) continue;
            s0 += c * (c - 1) * (c - 2);
            s1 += c * (c - 1) * (2 * c + 5);
        }
        return (s0, s1);
    }

    /// <summary>scipy's _kendall_p_exact (two-sided), from the distribution of discordant pairs.</summary>
    private static double ExactP(int n, long c)
    {
        long half = (long)n * (n - 1) / 2;
        c = Math.Min(c, half - c);
        if (n == 1 || n == 2) return 1.0;
        if (c == 0) return n < 171 ? 2.0 / Factorial(n) : 0.0;
        if (c == 1) return n < 172 ? 2.0 / Factorial(n - 1) : 0.0;
        if (4 * c == (long)n * (n - 1)) return 1.0;
        var next = new double[c + 1];
        next[0] = 1;
        next[1] = 1;
        for (int j = 3; j <= n; j++)
        {
            for (int i = 1; i <= c; i++) next[i] += next[i - 1];
            if (j <= c)
            {
                for (long i = c; i >= j; i--) next[i] -= next[i - j];
            }
        }
        return Math.Min(1.0, 2.0 * next.Sum() / Factorial(n));
    }

    private static double Factorial(int n)
    {
        double f = 1;
        for (int i = 2; i <= n; i++) f *= i;
        return f;
    }

    /// <summary>Pearson's r with scipy's arithmetic (normalised centred vectors); null when an input is constant.</summary>
    private static double? R(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double mx = Descriptive.Mean(x)!.Value, my = Descriptive.Mean(y)!.Value;
        double nx = 0, ny = 0;
        for (int i = 0; i < x.Length; i++)
        {
            nx += (x[i] - mx) * (x[i] - mx);
            ny += (y[i] - my) * (y[i] - my);
        }
        nx = Math.Sqrt(nx);
        ny = Math.Sqrt(ny);
        if (nx == 0 || ny == 0) return null;
        double r = 0;
        for (int i = 0; i < x.Length; i++) r += (x[i] - mx) / nx * ((y[i] - my) / ny);
        return Math.Clamp(r, -1, 1);
    }

    private static double PFromR(double r, int n)
    {
        if (Math.Abs(r) == 1) return 0.0;
        double df = n - 2;
        double t = r * Math.Sqrt(df / (1 - r * r));
        return 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
    }
}
