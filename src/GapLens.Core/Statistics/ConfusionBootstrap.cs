using GapLens.Core.Metrics;

namespace GapLens.Core.Statistics;

/// <summary>
/// Seeded percentile bootstrap of precision and recall at a fixed threshold. Resampling the n rows
/// with replacement and counting the confusion cells is exactly a multinomial draw of n over the
/// cells with probabilities tp/n, fp/n, tn/n, fn/n, so each resample costs four binomial draws,
/// not n. Percentiles use numpy's default linear interpolation. A resample where a metric is
/// undefined (no predicted positives, no actual positives) is left out of that metric and counted.
/// </summary>
public static class ConfusionBootstrap
{
    public const int DefaultResamples = 2000;
    public const int DefaultSeed = 20261123;

    public sealed record Result(Interval? Precision, Interval? Recall, int Resamples, int Seed, int PrecisionUndefined, int RecallUndefined);

    public static Result Run(BinaryConfusion c, int resamples = DefaultResamples, int seed = DefaultSeed, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        long n = c.Total;
        var rng = new Random(seed);
        var precision = new List<double>(resamples);
        var recall = new List<double>(resamples);
        for (int b = 0; b < resamples; b++)
        {
            // Sequential conditional binomials give one multinomial draw over (tp, fp, tn, fn).
            long left = n;
            double mass = 1.0;
            long tp = Draw(rng, ref left, ref mass, c.Tp, n);
            long fp = Draw(rng, ref left, ref mass, c.Fp, n);
            long tn = Draw(rng, ref left, ref mass, c.Tn, n);
            long fn = left;
            if (tp + fp > 0) precision.Add((double)tp / (tp + fp));
            if (tp + fn > 0) recall.Add((double)tp / (tp + fn));
        }
        return new Result(Percentile(precision, level), Percentile(recall, level), resamples, seed,
            resamples - precision.Count, resamples - recall.Count);
    }

    private static long Draw(Random rng, ref long left, ref double mass, long cell, long n)
    {
        if (n == 0 || left == 0) return 0;
        double p = mass <= 0 ? 0 : Math.Min(1.0, cell / (double)n / mass);
        long k = BinomialSampler.Sample(rng, left, p);
        left -= k;
        mass -= cell / (double)n;
        return k;
    }

    private static Interval? Percentile(List<double> values, double level)
    {
        if (values.Count == 0) return null;
        values.Sort();
        double alpha = (1 - level) / 2;
        return new Interval(Quantiles.Linear(values, alpha), Quantiles.Linear(values, 1 - alpha), level, "bootstrap-percentile");
    }
}
