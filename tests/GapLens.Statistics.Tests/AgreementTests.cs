namespace GapLens.Statistics.Tests;

public sealed class AgreementTests
{
    /// <summary>The reliability data of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability",
    /// 4 observers x 12 units with missing values; published alphas: nominal 0.743, ordinal 0.815,
    /// interval 0.849 (to 3 decimals).</summary>
    private static readonly double?[][] Krippendorff2011 =
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
        [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];

    [Theory]
    [InlineData(AlphaLevel.Nominal, 0.743)]
    [InlineData(AlphaLevel.Ordinal, 0.815)]
    [InlineData(AlphaLevel.Interval, 0.849)]
    public void KrippendorffAlphaMatchesThePublishedExample(AlphaLevel level, double published) =>
        Assert.Equal(published, Math.Round(Agreement.KrippendorffAlpha(Krippendorff2011, level).Value!.Value, 3));

    [Fact]
    public void DegenerateInputsAreNullWithAReason()
    {
        var constant = Correlation.Pearson([1, 1, 1, 1], [1, 2, 3, 4]);
        Assert.Null(constant.Statistic);
        Assert.Contains("constant", constant.UndefinedReason, StringComparison.Ordinal);
        var zeros = Wilcoxon.SignedRank([1, 2, 3], [1, 2, 3]);
        Assert.Null(zeros.PValue);
        Assert.Equal("all differences are zero", zeros.UndefinedReason);
        var oneCategory = Agreement.CohenKappa([3, 3, 3], [3, 3, 3]);
        Assert.Null(oneCategory.Value);
        Assert.Contains("one category", oneCategory.UndefinedReason, StringComparison.Ordinal);
        Assert.Null(TTests.Paired([1, 2, 3], [0, 1, 2]).PValue);
        Assert.Null(Agreement.KrippendorffAlpha([[2, 2, 2], [2, 2, null]], AlphaLevel.Nominal).Value);
    }

    [Fact]
    public void BinaryRuleAgreementCountsPassAtFour()
    {
        var (counts, accuracy, tpr, tnr, kappa) = Agreement.BinaryRule([5, 4, 3, 2, 5, 1], [4, 2, 3, 4, 5, 1]);
        Assert.Equal(new GapLens.Core.Metrics.BinaryConfusion(2, 1, 2, 1), counts);
        Assert.Equal(4.0 / 6, accuracy.Value);
        Assert.Equal(2.0 / 3, tpr.Value);
        Assert.Equal(2.0 / 3, tnr.Value);
        Assert.Equal(Agreement.CohenKappa([1, 1, 0, 0, 1, 0], [1, 0, 0, 1, 1, 0]).Value, kappa.Value);
    }

    [Theory]
    [InlineData(-0.1, "poor")]
    [InlineData(0.2, "slight")]
    [InlineData(0.4, "fair")]
    [InlineData(0.6, "moderate")]
    [InlineData(0.8, "substantial")]
    [InlineData(0.81, "almost perfect")]
    public void LandisKochBands(double k, string band) => Assert.Equal(band, AgreementResult.LandisKoch(k));
}
