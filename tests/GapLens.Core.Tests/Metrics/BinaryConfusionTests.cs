using GapLens.Core.Metrics;
using GapLens.Core.Statistics;

namespace GapLens.Core.Tests.Metrics;

public sealed class BinaryConfusionTests
{
    [Fact]
    public void DerivesMetricsFromCounts()
    {
        var c = new BinaryConfusion(Tp: 8, Fp: 2, Tn: 5, Fn: 4);
        Assert.Equal(0.8, c.Precision().Value);
        Assert.Equal(8.0 / 12, c.Recall().Value);
        Assert.Equal(13.0 / 19, c.Accuracy().Value);
        Assert.Equal(16.0 / 22, c.F1().Value);
        Assert.Equal(5.0 / 7, c.Specificity().Value);
        Assert.Null(c.F1().Ci95);
        Assert.Equal("wilson", c.Precision().Ci95!.Method);
    }

    [Fact]
    public void UndefinedMetricsAreNullWithAReason()
    {
        var c = new BinaryConfusion(0, 0, 3, 0);
        Assert.Null(c.Precision().Value);
        Assert.Contains("no positive predictions", c.Precision().UndefinedReason, StringComparison.Ordinal);
        Assert.Null(c.Recall().Value);
        Assert.Null(c.F1().Value);
        Assert.Equal(1.0, c.Accuracy().Value);
        Assert.Null(BinaryConfusion.Empty.Accuracy().Value);
    }

    [Fact]
    public void WilsonIntervalEqualsStatsmodels()
    {
        var reference = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(GapLens.Testing.TestData.PathOf("python", "stats_reference.json")));
        int n = 0;
        foreach (var c in reference.RootElement.GetProperty("wilson").EnumerateArray())
        {
            var ci = ProportionIntervals.Wilson(c.GetProperty("k").GetInt64(), c.GetProperty("n").GetInt64())!;
            Assert.Equal(c.GetProperty("lower").GetDouble(), ci.Lower, 1e-15);
            Assert.Equal(c.GetProperty("upper").GetDouble(), ci.Upper, 1e-15);
            n++;
        }
        Assert.True(n > 40);
        Assert.Null(ProportionIntervals.Wilson(0, 0));
    }
}
