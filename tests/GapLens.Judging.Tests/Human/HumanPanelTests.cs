using GapLens.Judging.Analysis;
using GapLens.Statistics;

namespace GapLens.Judging.Tests.Human;

public sealed class HumanPanelTests
{
    private static PanelItem Item(string key, int? judge, params (string, int)[] scores) =>
        new(key, scores, GapLens.Judging.Human.HumanConsensus.LowerMedian(scores.Select(s => s.Item2)), judge);

    [Fact]
    public void AlphaIsKrippendorffsOverTheItemsTwoOrMoreAnnotatorsScored()
    {
        var items = new[]
        {
            Item("a", 3, ("Ana", 3), ("Ben", 3)),
            Item("b", 5, ("Ana", 5), ("Ben", 4), ("Cy", 5)),
            Item("c", 1, ("Ana", 1), ("Cy", 2)),
            Item("d", 2, ("Ben", 2), ("Cy", 4)),
            Item("e", 4, ("Ana", 4)),
        };
        var p = HumanPanel.Compute(items, 500, 7);
        double?[][] m =
        [
            [3, 5, 1, null],
            [3, 4, null, 2],
            [null, 5, 2, 4],
        ];
        Assert.Equal(Agreement.KrippendorffAlpha(m, AlphaLevel.Ordinal).Value, p.AlphaOrdinal.Value);
        Assert.Equal(Agreement.KrippendorffAlpha(m, AlphaLevel.Interval).Value, p.AlphaInterval.Value);
        Assert.Equal((5, 3, 4), (p.Items, p.Annotators, p.ItemsWithTwoOrMore));
        Assert.NotNull(p.AlphaOrdinalBootstrap.Interval);
        Assert.InRange(p.AlphaOrdinal.Value!.Value, p.AlphaOrdinalBootstrap.Interval!.Lower, p.AlphaOrdinalBootstrap.Interval.Upper);
        // Seeded: the same interval again.
        Assert.Equal(p.AlphaOrdinalBootstrap.Interval, HumanPanel.Compute(items, 500, 7).AlphaOrdinalBootstrap.Interval);

        // The judge against the consensus (lower medians 3, 5, 1, 2, 4) and against each annotator.
        Assert.Equal(5, p.JudgePairs);
        Assert.Equal(1.0, p.JudgeVsConsensus.Value!.Value, 12);
        var ben = p.JudgeVsAnnotator.Single(a => a.Annotator == "Ben");
        Assert.Equal(3, ben.N);
        Assert.Equal(Agreement.CohenKappa([3, 5, 2], [3, 4, 2], KappaWeights.Quadratic).Value, ben.QuadraticKappa.Value);
        Assert.Equal(2 / 3.0, ben.ExactAgreement!.Value, 12);
        Assert.Equal(1 / 3.0, ben.MeanDifference!.Value, 12);
    }

    [Fact]
    public void WithoutOverlapOrWithoutAJudgeTheNumbersAreUndefinedWithTheirReason()
    {
        var p = HumanPanel.Compute([Item("a", null, ("Ana", 3)), Item("b", null, ("Ben", 4))], 100, 0);
        Assert.Null(p.AlphaOrdinal.Value);
        Assert.Equal("no item was scored by two or more annotators", p.AlphaOrdinal.UndefinedReason);
        Assert.Null(p.AlphaOrdinalBootstrap.Interval);
        Assert.Equal(0, p.JudgePairs);
        Assert.Equal("no items", p.JudgeVsConsensus.UndefinedReason);
        Assert.All(p.JudgeVsAnnotator, a => Assert.Equal(0, a.N));

        var empty = HumanPanel.Compute([], 100, 0);
        Assert.Equal((0, 0, 0), (empty.Items, empty.Annotators, empty.ItemsWithTwoOrMore));
        Assert.Empty(empty.JudgeVsAnnotator);
    }

    [Fact]
    public void PerfectAgreementWithoutVariationIsUndefinedNotOne()
    {
        var p = HumanPanel.Compute([Item("a", 3, ("Ana", 3), ("Ben", 3)), Item("b", 3, ("Ana", 3), ("Ben", 3))], 100, 0);
        Assert.Null(p.AlphaOrdinal.Value);
        Assert.Contains("no variation", p.AlphaOrdinal.UndefinedReason, StringComparison.Ordinal);
    }
}
