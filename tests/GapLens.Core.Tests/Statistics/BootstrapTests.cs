using GapLens.Core.Metrics;
using GapLens.Core.Mining.Aoi;
using GapLens.Core.Statistics;

namespace GapLens.Core.Tests.Statistics;

public sealed class BootstrapTests
{
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(10.0, 12.801827480081469)] // ln(9!) = ln 362880
    [InlineData(0.5, 0.5723649429247001)]  // ln sqrt(pi)
    [InlineData(100.5, 361.4355404677776)] // values from CPython math.lgamma
    public void LogGammaMatchesKnownValues(double x, double expected) =>
        Assert.Equal(expected, SpecialFunctions.LogGamma(x), 1e-11);

    [Fact]
    public void QuantileIsNumpysLinearMethod()
    {
        double[] v = [1, 2, 3, 4];
        Assert.Equal(1.075, Quantiles.Linear(v, 0.025), 12);
        Assert.Equal(3.925, Quantiles.Linear(v, 0.975), 12);
    }

    [Fact]
    public void RecallIsCheckedPerDefectLabel()
    {
        var t = new AoiTable([0.9, 0.2, 0.8, 0.7, 0.1], [0, 1, 1, 2, 0], ["MISSING", "BRIDGE", "PASS"], [0, 1, 2], ["MISSING", "BRIDGE", "PASS"]);
        var r = AoiAnalysis.RecallByLabel(t, 0.5, 1.0);
        Assert.Equal(["MISSING", "BRIDGE"], r.Select(x => x.Group));
        Assert.Equal((1L, 1L, 0.5, false), (r[0].Caught, r[0].Missed, r[0].Recall.Value!.Value, r[0].MeetsTarget));
        Assert.Equal((1L, 1L), (r[1].Caught, r[1].Missed));
    }

    [Fact]
    public void MedianBySelectionIsNumpysMedian()
    {
        var rng = new Random(5);
        for (int n = 1; n < 60; n++)
        {
            var v = Enumerable.Range(0, n).Select(_ => Math.Round(rng.NextDouble() * 10, 1)).ToArray();
            var sorted = v.Order().ToArray();
            double expected = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
            Assert.Equal(expected, Quantiles.MedianInPlace(v.ToArray()));
        }
        Assert.True(double.IsNaN(Quantiles.MedianInPlace([])));
    }

    [Fact]
    public void RatiosFollowTheirZeroDivisionPolicy()
    {
        Assert.Equal(0.25, Ratio.Of(1, 4, ZeroDivision.Undefined));
        Assert.Null(Ratio.Of(0, 0, ZeroDivision.Undefined));
        Assert.Equal(0.0, Ratio.Of(0, 0, ZeroDivision.Zero));
        Assert.Equal(1.0, Ratio.Of(0, 0, ZeroDivision.One));
        Assert.Throws<ArgumentException>(() => Ratio.Defined(0, 0, ZeroDivision.Undefined));
    }
}
