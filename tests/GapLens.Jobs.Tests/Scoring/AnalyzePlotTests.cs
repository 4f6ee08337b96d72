using GapLens.Jobs;
using GapLens.Jobs.Scoring;
using GapLens.IO.Logging;
using GapLens.Judging.Analysis;
using GapLens.Judging.Folders;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.Scoring;

public sealed class AnalyzePlotTests : TempDirTest
{
    private static ScoreRecord R(string model, string taskType, int? score, ScoreStatus status = ScoreStatus.Completed) =>
        new("vision-eval", "e", model, taskType, Guid.NewGuid().ToString("N")[..6], status, score, null, null, null, DateTimeOffset.UnixEpoch);

    private static List<ScoreRecord> Records() =>
    [
        R("a", "maze_task", 5), R("a", "maze_task", 4), R("a", "maze_task", 2), R("a", "chess_task", 5),
        R("b", "maze_task", 1), R("b", "chess_task", 4), R("b", "chess_task", 3),
        R("b", "chess_task", null, ScoreStatus.Skipped), R("b", "maze_task", null, ScoreStatus.Failed),
    ];

    [Fact]
    public void SkippedAndFailedItemsAreCountedApartNotAsZeros()
    {
        var s = ScoreSummary.Of("vision-eval", Records());
        var b = s.Ranking.Single(r => r.Model == "b");
        Assert.Equal((3, 1, 1, 1), (b.Scored, b.Skipped, b.Failed, b.Successes));
        Assert.Equal(1.0 / 3, b.SuccessRate!.Value, 12);
        Assert.Equal(8.0 / 3, b.MeanScore!.Value, 12);
        Assert.Equal(GapLens.Core.Statistics.ProportionIntervals.Wilson(1, 3), b.SuccessCi95);
        Assert.Equal("a", s.Ranking[0].Model);
        // Macro average: maze = mean(a 2/3, b 0/1); chess = mean(a 1/1, b 1/2).
        Assert.Equal((2.0 / 3 + 0) / 2, s.Domains.Single(d => d.Domain == "maze").MacroSuccessRate!.Value, 12);
        Assert.Equal((1 + 0.5) / 2, s.Domains.Single(d => d.Domain == "chess").MacroSuccessRate!.Value, 12);
        Assert.Equal("maze", s.Domains[0].Domain); // hardest first
        Assert.Equal([1, 0, 1, 1, 0], s.Distribution["b"].ToArray());
    }

    [Fact]
    public async Task WritesChartsTablesAndOneSelfContainedPage()
    {
        foreach (var r in Records()) ScoreFiles.Write(Dir.Combine("evals", "vision-eval", r.Experiment, r.Model, r.TaskType, r.TaskId, "vision-eval.json"), r);
        var outcome = await new AnalyzePlotJob().RunAsync(new AnalyzePlotOptions(Dir.Combine("evals", "vision-eval"), Dir.Combine("out")), JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), "/"), CancellationToken.None);
        Assert.True(outcome.Passed);
        foreach (string chart in new[] { "model_ranking", "domain_difficulty", "model_domain_heatmap", "score_distribution" })
        {
            Assert.True(new FileInfo(Dir.Combine("out", chart + ".png")).Length > 5000, chart);
            Assert.Contains("<text", File.ReadAllText(Dir.Combine("out", chart + ".svg")), StringComparison.Ordinal);
        }
        Assert.Equal("model,scored,skipped,failed,successes,success_rate,success_rate_ci95_lower,success_rate_ci95_upper,mean_score", File.ReadLines(Dir.Combine("out", "model_ranking.csv")).First());
        var wilson = GapLens.Core.Statistics.ProportionIntervals.Wilson(1, 3)!;
        Assert.Contains(FormattableString.Invariant($"b,3,1,1,1,{1.0 / 3:R},{wilson.Lower:R},{wilson.Upper:R},{8.0 / 3:R}\n"), File.ReadAllText(Dir.Combine("out", "model_ranking.csv")), StringComparison.Ordinal);
        string html = File.ReadAllText(Dir.Combine("out", "report.html"));
        Assert.Equal(4, html.Split("<svg").Length - 1);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);
        Assert.Contains("Model ranking: success rate with Wilson 95% CI", html, StringComparison.Ordinal);
    }
}
