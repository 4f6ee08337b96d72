using System.Collections.Immutable;
using GapLens.Core.Statistics;
using MathNet.Numerics.Distributions;

namespace GapLens.Statistics;

/// <summary>
/// Seeded bootstrap over paired rows. Resample b draws its rows from its own generator seeded by
/// (seed, b), so the result is identical whatever the number of cores that ran it (the resamples run in
/// parallel; <c>maxDegreeOfParallelism</c> caps the number of threads, -1 = as many as the runtime
/// chooses, 1 = sequential on the calling thread). Default 10,000 resamples.
/// </summary>
public static class Bootstrap
{
    public const int DefaultResamples = GapLens.Core.AnalysisDefaults.Resamples;

    /// <summary>Any statistic of paired rows: <paramref name="statistic"/> receives the resampled
    /// x and y (buffers reused between calls; do not keep them).</summary>
    public static BootstrapResult Paired(
        double[] x, double[] y, Func<double[], double[], double> statistic,
        int resamples = DefaultResamples, ulong seed = GapLens.Core.AnalysisDefaults.Seed, double level = GapLens.Core.AnalysisDefaults.ConfidenceLevel, BootstrapMethod method = BootstrapMethod.Percentile,
        int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(statistic);
        if (x.Length != y.Length) throw new ArgumentException("paired samples must have the same length", nameof(y));
        int n = x.Length;
        if (n < 2) return new BootstrapResult(n == 1 ? statistic(x, y) : double.NaN, null, resamples, seed, method, double.NaN, "fewer than 2 rows");
        double observed = statistic(x, y);
        var replicates = new double[resamples];
        Parallel.For(0, resamples, Options(maxDegreeOfParallelism),
            () => (new double[n], new double[n]),
            (b, _, buf) =>
            {
                var rng = new SplitMix(seed, (ulong)b);
                for (int i = 0; i < n; i++)
                {
                    int j = rng.Next(n);
                    buf.Item1[i] = x[j];
                    buf.Item2[i] = y[j];
                }
                replicates[b] = statistic(buf.Item1, buf.Item2);
                return buf;
            },
            _ => { });
        double[]? jackknife = method == BootstrapMethod.BCa ? Jackknife(x, y, statistic) : null;
        return Finish(observed, replicates, jackknife, seed, level, method);
    }

    /// <summary>The mean of paired differences (x - y), resampled without materialising the rows: the
    /// same draws as <see cref="Paired"/> with a mean-difference statistic, at memory speed.</summary>
    public static BootstrapResult MeanDifference(double[] x, double[] y, int resamples = DefaultResamples, ulong seed = GapLens.Core.AnalysisDefaults.Seed, double level = GapLens.Core.AnalysisDefaults.ConfidenceLevel, BootstrapMethod method = BootstrapMethod.Percentile,
        int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length) throw new ArgumentException("paired samples must have the same length", nameof(y));
        int n = x.Length;
        var d = new double[n];
        for (int i = 0; i < n; i++) d[i] = x[i] - y[i];
        if (n < 2) return new BootstrapResult(n == 1 ? d[0] : double.NaN, null, resamples, seed, method, double.NaN, "fewer than 2 rows");
        double observed = d.Average();
        var replicates = new double[resamples];
        Parallel.For(0, resamples, Options(maxDegreeOfParallelism), b =>
        {
            var rng = new SplitMix(seed, (ulong)b);
            double s = 0;
            for (int i = 0; i < n; i++) s += d[rng.Next(n)];
            replicates[b] = s / n;
        });
        double[]? jackknife = null;
        if (method == BootstrapMethod.BCa)
        {
            double total = d.Sum();
            jackknife = [.. d.Select(v => (total - v) / (n - 1))];
        }
        return Finish(observed, replicates, jackknife, seed, level, method);
    }

    private static ParallelOptions Options(int maxDegreeOfParallelism)
    {
        if (maxDegreeOfParallelism is 0 or < -1) throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "must be -1 (no limit) or at least 1");
        // The thread pool, whatever scheduler the caller runs under (a test runner's or a UI's
        // scheduler with one or two threads would otherwise serialise the resamples).
        return new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, TaskScheduler = TaskScheduler.Default };
    }

    private static double[] Jackknife(double[] x, double[] y, Func<double[], double[], double> statistic)
    {
        int n = x.Length;
        var result = new double[n];
        var bx = new double[n - 1];
        var by = new double[n - 1];
        for (int leave = 0; leave < n; leave++)
        {
            for (int i = 0, k = 0; i < n; i++)
            {
                if (i == leave) continue;
                bx[k] = x[i];
                by[k++] = y[i];
            }
            result[leave] = statistic(bx, by);
        }
        return result;
    }

    private static BootstrapResult Finish(double observed, double[] replicates, double[]? jackknife, ulong seed, double level, BootstrapMethod method)
    {
        var sorted = replicates.Where(double.IsFinite).Order().ToArray();
        if (sorted.Length == 0) return new BootstrapResult(observed, null, replicates.Length, seed, method, double.NaN, "the statistic is undefined on every resample");
        double se = Descriptive.Std(sorted, 1) ?? double.NaN;
        double alpha = (1 - level) / 2;
        double qLo = alpha, qHi = 1 - alpha;
        if (method == BootstrapMethod.BCa)
        {
            double below = sorted.Count(v => v < observed);
            double prop = below / sorted.Length;
            if (prop <= 0 || prop >= 1)
            {
                return new BootstrapResult(observed, null, replicates.Length, seed, method, se, "BCa undefined: the observed statistic lies outside the bootstrap distribution");
            }
            double z0 = Normal.InvCDF(0, 1, prop);
            var jk = jackknife!;
            double mean = jk.Average();
            double num = jk.Sum(v => Math.Pow(mean - v, 3));
            double den = 6 * Math.Pow(jk.Sum(v => Math.Pow(mean - v, 2)), 1.5);
            double a = den == 0 ? 0 : num / den;
            double Adjust(double q)
            {
                double z = Normal.InvCDF(0, 1, q);
                return Normal.CDF(0, 1, z0 + (z0 + z) / (1 - a * (z0 + z)));
            }
            qLo = Adjust(alpha);
            qHi = Adjust(1 - alpha);
        }
        var interval = new Interval(Quantiles.Linear(sorted, qLo), Quantiles.Linear(sorted, qHi), level,
            method == BootstrapMethod.BCa ? "bootstrap-bca" : "bootstrap-percentile");
        return new BootstrapResult(observed, interval, replicates.Length, seed, method, se);
    }

    /// <summary>
    /// A learning curve of agreement against sample size: for each n, the statistic on the first n of
    /// one seeded permutation of the rows (nested subsamples), so later points extend earlier ones.
    /// </summary>
    public static ImmutableArray<(int N, double Value)> LearningCurve(double[] x, double[] y, Func<double[], double[], double> statistic, IEnumerable<int> sizes, ulong seed = GapLens.Core.AnalysisDefaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(statistic);
        ArgumentNullException.ThrowIfNull(sizes);
        var order = Enumerable.Range(0, x.Length).ToArray();
        var rng = new SplitMix(seed, ulong.MaxValue);
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return [.. sizes.Where(s => s >= 2 && s <= x.Length).Select(s => (s, statistic([.. order.Take(s).Select(i => x[i])], [.. order.Take(s).Select(i => y[i])])))];
    }
}
