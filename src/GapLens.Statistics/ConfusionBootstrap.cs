using GapLens.Core;
using GapLens.Core.Metrics;
using GapLens.Core.Statistics;

namespace GapLens.Statistics;

/// <summary>
/// Seeded percentile bootstrap of precision, recall and F1 at a fixed threshold. Resampling the n rows
/// with replacement and counting the confusion cells is exactly a multinomial draw of n over the
/// cells with probabilities tp/n, fp/n, tn/n, fn/n, so each resample costs four binomial draws, not n
/// (a ten-million-row table costs what a ten-row one does). Resample b draws from SplitMix stream
/// (seed, b) like every bootstrap here, so the result is the same on any number of cores. Percentiles
/// use numpy's linear interpolation. A resample where a metric is undefined (no predicted positives,
/// no actual positives) is left out of that metric and counted.
/// </summary>
public static class ConfusionBootstrap
{
    public sealed record Result(Interval? Precision, Interval? Recall, int Resamples, ulong Seed, int PrecisionUndefined, int RecallUndefined)
    {
        /// <summary>F1 = 2TP / (2TP + FP + FN) over the same resamples (no closed-form interval exists:
        /// F1 is not a proportion); null when every resample left it undefined.</summary>
        public Interval? F1 { get; init; }

        public int F1Undefined { get; init; }
    }

    public static Result Run(BinaryConfusion c, int resamples = Bootstrap.DefaultResamples, ulong seed = AnalysisDefaults.Seed, double level = AnalysisDefaults.ConfidenceLevel)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        long n = c.Total;
        var precision = new double[resamples];
        var recall = new double[resamples];
        var f1 = new double[resamples];
        Parallel.For(0, resamples, new ParallelOptions { TaskScheduler = TaskScheduler.Default }, b =>
        {
            var rng = new SplitMix(seed, (ulong)b);
            // Sequential conditional binomials give one multinomial draw over (tp, fp, tn, fn).
            long left = n;
            double mass = 1.0;
            long tp = Draw(ref rng, ref left, ref mass, c.Tp, n);
            long fp = Draw(ref rng, ref left, ref mass, c.Fp, n);
            long tn = Draw(ref rng, ref left, ref mass, c.Tn, n);
            long fn = left;
            precision[b] = Ratio.Of(tp, tp + fp, ZeroDivision.Undefined) ?? double.NaN;
            recall[b] = Ratio.Of(tp, tp + fn, ZeroDivision.Undefined) ?? double.NaN;
            f1[b] = Ratio.Of(2 * tp, 2 * tp + fp + fn, ZeroDivision.Undefined) ?? double.NaN;
        });
        var p = precision.Where(double.IsFinite).Order().ToList();
        var r = recall.Where(double.IsFinite).Order().ToList();
        var f = f1.Where(double.IsFinite).Order().ToList();
        return new Result(Percentile(p, level), Percentile(r, level), resamples, seed, resamples - p.Count, resamples - r.Count)
        {
            F1 = Percentile(f, level),
            F1Undefined = resamples - f.Count,
        };
    }

    private static long Draw(ref SplitMix rng, ref long left, ref double mass, long cell, long n)
    {
        if (n == 0 || left == 0) return 0;
        double p = mass <= 0 ? 0 : Math.Min(1.0, cell / (double)n / mass);
        long k = BinomialSampler.Sample(ref rng, left, p);
        left -= k;
        mass -= cell / (double)n;
        return k;
    }

    private static Interval? Percentile(List<double> sorted, double level)
    {
        if (sorted.Count == 0) return null;
        double alpha = (1 - level) / 2;
        return new Interval(Quantiles.Linear(sorted, alpha), Quantiles.Linear(sorted, 1 - alpha), level, "bootstrap-percentile");
    }
}
