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
