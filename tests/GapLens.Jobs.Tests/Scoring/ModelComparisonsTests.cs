using GapLens.Jobs.Scoring;
using GapLens.Judging.Analysis;

namespace GapLens.Jobs.Tests.Scoring;

public sealed class ModelComparisonsTests
{
    /// <summary>12 tasks; A passes 0-8, B passes 0-2 and 9, C passes 0-1 (human scores; the judge says 3 everywhere).</summary>
    private static List<ScorePair> Pairs()
    {
        var pass = new Dictionary<string, HashSet<int>> { ["A"] = [0, 1, 2, 3, 4, 5, 6, 7, 8], ["B"] = [0, 1, 2, 9], ["C"] = [0, 1] };
        return [.. pass.SelectMany(m => Enumerable.Range(0, 12).Select(t => new ScorePair("e", m.Key, "grid_task", $"t{t:00}", 3, m.Value.Contains(t) ? 5 : 2)))];
    }

    [Fact]
    public void McNemarAndBenjaminiHochbergEqualStatsmodels()
    {
        var human = ModelComparisons.Of(Pairs(), 4, 500, 1).Where(c => c.Rater == "human").ToList();
        Assert.Equal([("A", "B"), ("A", "C"), ("B", "C")], human.Select(c => (c.ModelA, c.ModelB)));
        // statsmodels 0.13.5: mcnemar([[3,6],[1,2]], exact=True).pvalue etc.; multipletests(p, 0.05, 'fdr_bh').
        Assert.Equal([0.125, 0.015625, 0.5], human.Select(c => Math.Round(c.McNemar.PValue!.Value, 12)));
        Assert.Equal([0.1875, 0.046875, 0.5], human.Select(c => Math.Round(c.AdjustedP!.Value, 12)));
        Assert.Equal([false, true, false], human.Select(c => c.Significant!.Value));
        Assert.Equal(9.0 / 12, human[0].PassRateA!.Value, 12);
        Assert.Equal(4.0 / 12, human[0].PassRateB!.Value, 12);
        // Mean score difference A - B: (9*5 + 3*2 - (4*5 + 8*2)) / 12.
        Assert.Equal((51.0 - 36.0) / 12, human[0].MeanDifference.Observed, 12);
        Assert.True(human[0].MeanDifference.Interval!.Lower < human[0].MeanDifference.Observed);
    }

    [Fact]
    public void ARaterThatNeverDisagreesHasNoTestAndNoAdjustedP()
    {
        var judge = ModelComparisons.Of(Pairs(), 4, 200, 1).Where(c => c.Rater == "judge").ToList();
        Assert.All(judge, c =>
        {
            Assert.Null(c.McNemar.PValue);
            Assert.Null(c.AdjustedP);
            Assert.Null(c.Significant);
            Assert.Equal(0, c.MeanDifference.Observed);
        });
    }

    [Fact]
    public void OneModelOrNoSharedTaskGivesNoComparisonOrAnUndefinedOne()
    {
        Assert.Empty(ModelComparisons.Of([new ScorePair("e", "A", "t", "1", 3, 3)], 4, 100, 0));
        var apart = ModelComparisons.Of([new ScorePair("e", "A", "t", "1", 3, 3), new ScorePair("e", "B", "t", "2", 3, 3)], 4, 100, 0);
        Assert.All(apart, c => Assert.Equal((0, "no shared tasks"), (c.Tasks, c.McNemar.UndefinedReason)));
    }
}
