using GapLens.Core.Metrics;
using GapLens.Core.Statistics;

namespace GapLens.Statistics.Tests;

public sealed class ConfusionBootstrapTests
{
    [Theory]
    [InlineData(2_000_000L, 0.3)]
    [InlineData(5_000_000L, 0.999)]
    [InlineData(1_000L, 0.5)]
    public void LargeDrawsHaveTheBinomialMeanAndVariance(long n, double p)
    {
        var rng = new SplitMix(1, 0);
        const int draws = 20_000;
        double sum = 0, sq = 0;
        for (int i = 0; i < draws; i++)
        {
            double k = BinomialSampler.Sample(ref rng, n, p);
            sum += k;
            sq += k * k;
        }
        double mean = sum / draws, variance = sq / draws - mean * mean;
        double expectedVar = n * p * (1 - p);
        Assert.InRange(mean, n * p - 5 * Math.Sqrt(expectedVar / draws), n * p + 5 * Math.Sqrt(expectedVar / draws));
        Assert.InRange(variance / expectedVar, 0.95, 1.05);
    }

    [Theory]
    [InlineData(60L, 0.5, 11)]
    [InlineData(1_000L, 0.3, 12)]
    [InlineData(200_000L, 0.42, 13)]
    [InlineData(1_000L, 0.97, 14)]
    public void DrawsOverTheRejectionSamplersRangeFollowTheExactPmf(long n, double p, ulong seed)
    {
        // Chi-square goodness of fit over the central 8 standard deviations, where the triangle,
        // the parallelograms, both exponential tails and both acceptance tests of BTPE are all hit.
        var rng = new SplitMix(seed, 0);
        const int draws = 400_000;
        double sd = Math.Sqrt(n * p * (1 - p));
        long lo = Math.Max(0, (long)Math.Floor(n * p - 4 * sd)), hi = Math.Min(n, (long)Math.Ceiling(n * p + 4 * sd));
        var counts = new Dictionary<long, int>();
        for (int i = 0; i < draws; i++)
        {
            long k = BinomialSampler.Sample(ref rng, n, p);
            Assert.InRange(k, 0, n);
            long bin = Math.Clamp(k, lo - 1, hi + 1);
            counts[bin] = counts.GetValueOrDefault(bin) + 1;
        }
        double LogPmf(long k) => SpecialFunctions.LogGamma(n + 1.0) - SpecialFunctions.LogGamma(k + 1.0) - SpecialFunctions.LogGamma(n - k + 1.0) + k * Math.Log(p) + (n - k) * Math.Log(1 - p);
        // Bins of at least ~50 expected draws: runs of k pooled until they reach it.
        double chi2 = 0, expected = 0, observed = 0, inside = 0;
        int bins = 0;
        for (long k = lo; k <= hi; k++)
        {
            double e = draws * Math.Exp(LogPmf(k));
            expected += e;
            inside += e;
            observed += counts.GetValueOrDefault(k);
            if (expected >= 50 || k == hi)
            {
                chi2 += (observed - expected) * (observed - expected) / expected;
                bins++;
                expected = observed = 0;
            }
        }
        double outsideObserved = counts.GetValueOrDefault(lo - 1) + counts.GetValueOrDefault(hi + 1);
        Assert.InRange(outsideObserved, 0, draws - inside + 6 * Math.Sqrt(draws - inside + 1) + 5);
        // Chi-square with `bins - 1` degrees of freedom: mean d, sd sqrt(2d); 6 sd is a failure
        // probability far below 1e-6 for a correct sampler, while a wrong tail or a shifted mode
        // adds thousands.
        int df = bins - 1;
        Assert.True(chi2 < df + 6 * Math.Sqrt(2.0 * df), $"chi2 {chi2:F1} over {df} degrees of freedom");
    }

    [Fact]
    public void SmallDrawsFollowTheExactPmf()
    {
        var rng = new SplitMix(2, 0);
        const int n = 12, draws = 200_000;
        const double p = 0.15;
        var counts = new int[n + 1];
        for (int i = 0; i < draws; i++) counts[BinomialSampler.Sample(ref rng, n, p)]++;
        for (int k = 0; k <= n; k++)
        {
            double pmf = Math.Exp(SpecialFunctions.LogGamma(n + 1) - SpecialFunctions.LogGamma(k + 1) - SpecialFunctions.LogGamma(n - k + 1) + k * Math.Log(p) + (n - k) * Math.Log(1 - p));
            double se = Math.Sqrt(draws * pmf * (1 - pmf)) + 1;
            Assert.InRange(counts[k], draws * pmf - 5 * se, draws * pmf + 5 * se);
        }
    }

    [Fact]
    public void BootstrapIsSeededAndAgreesWithWilsonOnLargeCounts()
    {
        var c = new BinaryConfusion(Tp: 9_000, Fp: 1_000, Tn: 80_000, Fn: 500);
        var a = ConfusionBootstrap.Run(c, 1000, seed: 7UL);
        var b = ConfusionBootstrap.Run(c, 1000, seed: 7UL);
        Assert.Equal(a, b);
        var w = c.Precision().Ci95!;
        Assert.InRange(a.Precision!.Lower, w.Lower - 0.003, w.Lower + 0.003);
        Assert.InRange(a.Precision.Upper, w.Upper - 0.003, w.Upper + 0.003);
        Assert.True(a.Recall!.Lower < 9000.0 / 9500 && 9000.0 / 9500 < a.Recall.Upper);
        Assert.Equal(0, a.PrecisionUndefined);
    }

    [Fact]
    public void BootstrapOfADegenerateTableCountsUndefinedResamples()
    {
        var r = ConfusionBootstrap.Run(new BinaryConfusion(0, 0, 5, 0), 100, seed: 1UL);
        Assert.Null(r.Precision);
        Assert.Equal(100, r.PrecisionUndefined);
        Assert.Equal(100, r.RecallUndefined);
    }

    [Fact]
    public void F1IntervalBracketsTheObservedF1AndIsUndefinedWithoutPositives()
    {
        var c = new BinaryConfusion(Tp: 40, Fp: 10, Tn: 900, Fn: 30);
        var r = ConfusionBootstrap.Run(c, 2000, seed: 3UL);
        double f1 = c.F1().Value!.Value;
        Assert.InRange(f1, r.F1!.Lower, r.F1.Upper);
        // Width of the order of the delta method's 2 x 1.96 x ~0.035 for these counts: wide, not a point.
        Assert.InRange(r.F1.Upper - r.F1.Lower, 0.08, 0.25);
        Assert.Equal(0, r.F1Undefined);
        var none = ConfusionBootstrap.Run(new BinaryConfusion(0, 0, 5, 0), 100, seed: 1UL);
        Assert.Null(none.F1);
        Assert.Equal(100, none.F1Undefined);
    }
}
