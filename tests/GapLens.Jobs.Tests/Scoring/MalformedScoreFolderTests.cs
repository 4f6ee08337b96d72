using System.Text;
using GapLens.IO.Logging;
using GapLens.Jobs.Scoring;
using GapLens.Judging.Folders;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.Scoring;

/// <summary>analyze plot and stats over score folders with broken files, or with no score at all.</summary>
public sealed class MalformedScoreFolderTests : TempDirTest
{
    private static readonly (string Name, byte[] Content, string Problem)[] Broken =
    [
        ("utf8", [.. Encoding.UTF8.GetBytes("""{"result": {"solution_correctness_score": 4, "explanation": "x"""), 0xFF, .. Encoding.UTF8.GetBytes("\"}}")], "not UTF-8 (byte 0xFF"),
        ("surrogate", Encoding.UTF8.GetBytes("""{"result": {"solution_correctness_score": 4, "explanation": "\ud800"}}"""), "a string holds an escape that is not text"),
        ("frames", Encoding.UTF8.GetBytes("""{"result": {"solution_correctness_score": 4, "frame_scores": [4.5]}}"""), "frame_scores must be integers 1-5, got 4.5"),
    ];

    private string Write(string evaluator, string model, string task, ScoreRecord r)
    {
        string path = Dir.Combine("evals", evaluator, "exp", model, "maze_task", task, evaluator + ".json");
        ScoreFiles.Write(path, r with { Model = model, TaskId = task });
        return path;
    }

    private static ScoreRecord R(ScoreStatus status, int? score) =>
        new("x", "exp", "m", "maze_task", "t", status, score, null, status == ScoreStatus.Completed ? null : "judge failure", null, DateTimeOffset.UnixEpoch);

    private List<string> WriteBroken(string evaluator)
    {
        var paths = new List<string>();
        foreach (var (name, content, _) in Broken)
        {
            string p = Dir.Combine("evals", evaluator, "exp", "m", "maze_task", "bad_" + name, evaluator + ".json");
            Directory.CreateDirectory(Path.GetDirectoryName(p)!);
            File.WriteAllBytes(p, content);
            paths.Add(p);
        }
        return paths;
    }

    [Fact]
    public async Task PlotOverAFolderWhereEveryItemFailedWritesAReportWithoutEmptyCharts()
    {
        for (int i = 0; i < 3; i++) Write("vision-eval", i % 2 == 0 ? "a" : "b", $"t{i}", R(i == 2 ? ScoreStatus.Skipped : ScoreStatus.Failed, null));
        var outcome = await new AnalyzePlotJob().RunAsync(new AnalyzePlotOptions(Dir.Combine("evals", "vision-eval"), Dir.Combine("out")),
            JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), "/"), CancellationToken.None);
        Assert.True(outcome.Passed);
        Assert.Equal("No item has a score: nothing to rank.", outcome.Headline);
        Assert.False(File.Exists(Dir.Combine("out", "model_ranking.png")));
        Assert.False(File.Exists(Dir.Combine("out", "domain_difficulty.png")));
        Assert.True(File.Exists(Dir.Combine("out", "model_domain_heatmap.png")));
        string md = File.ReadAllText(Dir.Combine("out", "report.md"));
        Assert.Contains("Model ranking: success rate with Wilson 95% CI: no chart, no item has a score (every item was skipped or failed).", md, StringComparison.Ordinal);
        Assert.StartsWith("model,scored,skipped,failed,", File.ReadAllText(Dir.Combine("out", "model_ranking.csv")), StringComparison.Ordinal);
        Assert.Empty(GapLens.IO.Files.OutputSet.Check(Dir.Combine("out")));
    }

    [Fact]
    public async Task PlotCountsBrokenFilesApartWithAWarningNamingEach()
    {
        Write("vision-eval", "a", "t0", R(ScoreStatus.Completed, 5));
        Write("vision-eval", "a", "t1", R(ScoreStatus.Completed, 2));
        var bad = WriteBroken("vision-eval");
        var log = new StringWriter();
        var outcome = await new AnalyzePlotJob().RunAsync(new AnalyzePlotOptions(Dir.Combine("evals", "vision-eval"), Dir.Combine("out")),
            JobContext.Create(new RunLog(log, LogLevel.Warning), "/"), CancellationToken.None);
        Assert.True(outcome.Passed);
        for (int i = 0; i < bad.Count; i++)
        {
            Assert.Contains($"Unreadable score file, counted apart: {bad[i]}: {Broken[i].Problem}", log.ToString(), StringComparison.Ordinal);
        }
        Assert.Contains("3 score file(s) could not be read; they are counted apart", File.ReadAllText(Dir.Combine("out", "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatsCountsBrokenFilesOnEitherSideApart()
    {
        foreach (var (task, j, h) in new[] { ("t0", 5, 5), ("t1", 2, 3), ("t2", 4, 4), ("t3", 1, 2) })
        {
            Write("judge", "a", task, R(ScoreStatus.Completed, j));
            Write("human", "a", task, R(ScoreStatus.Completed, h) with { Annotator = "ana" });
        }
        var bad = WriteBroken("judge").Concat(WriteBroken("human")).ToList();
        var log = new StringWriter();
        var outcome = await new AnalyzeStatsJob().RunAsync(new AnalyzeStatsOptions(Dir.Combine("evals", "judge"), Dir.Combine("evals", "human"), Dir.Combine("out"), Resamples: 200),
            JobContext.Create(new RunLog(log, LogLevel.Warning), "/"), CancellationToken.None);
        Assert.True(outcome.Passed);
        Assert.All(bad, b => Assert.Contains($"Unreadable score file, counted apart: {b}: ", log.ToString(), StringComparison.Ordinal));
        using var stats = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(Dir.Combine("out", "stats.json")));
        var items = stats.RootElement.GetProperty("items");
        Assert.Equal(4, items.GetProperty("paired").GetInt32());
        Assert.Equal(bad.Order(StringComparer.Ordinal), items.GetProperty("unreadable_files").EnumerateArray().Select(f => f.GetProperty("file").GetString()!).Order(StringComparer.Ordinal));
    }
}
