using System.Globalization;
using GapLens.Core;
using GapLens.Core.Results;
using GapLens.IO.Files;
using GapLens.IO.Results;
using GapLens.Jobs.Perception;
using GapLens.Testing;
using static GapLens.Jobs.Tests.Perception.PerceptionFixture;

namespace GapLens.Jobs.Tests.Perception;

/// <summary>`perception score` end to end on the fixture whose numbers the starter kit's
/// calc_top1/calc_top1_by_cat gave (tests/TestData/perception/expected.json).</summary>
public sealed class PerceptionScoreJobTests : TempDirTest
{
    private Task<JobOutcome> Run(PerceptionScoreOptions o) => new PerceptionScoreJob().RunAsync(o, Context(Dir), CancellationToken.None);

    [Fact]
    public async Task WritesScoresSamplesAndAReportWhoseNumbersAreTheStarterKitsWithTheRunRecordLast()
    {
        var outcome = await Run(new PerceptionScoreOptions(Annotations, Path("answers_a.json"), Dir.Combine("out")));
        Assert.True(outcome.Passed);
        var expected = Json(Path("expected.json")).GetProperty("a").GetProperty("by_cat");
        var scores = Json(Dir.Combine("out", "scores.json"));
        Assert.Equal(39, scores.GetProperty("questions").GetInt32());
        Assert.Equal(20, scores.GetProperty("correct").GetInt32());
        Assert.Equal(expected.GetProperty("physics").GetDouble(), scores.GetProperty("areas").EnumerateArray().First(a => a.GetProperty("name").GetString() == "physics").GetProperty("accuracy").GetProperty("value").GetDouble(), 12);
        string report = Dir.Combine("out", "report.json");
        Assert.Equal(20.0 / 39, Metric(report, "top1").GetProperty("value").GetDouble(), 12);
        Assert.Equal(["headline", "areas", "reasoning", "tags", "tasks", "option_positions", "where_it_fails"], Sections(report));
        var samples = SampleResultsFile.Read(Dir.Combine("out", SampleResultsFile.DefaultName)).ToList();
        Assert.Equal(39, samples.Count);
        Assert.Equal(20, samples.Count(s => s.Outcome == SampleOutcome.Correct));
        Assert.Equal(19, samples.Count(s => s.Outcome == SampleOutcome.Wrong));
        Assert.Equal("video_10000/0", samples[0].ItemId);
        Assert.Equal("T001", samples[0].Metadata["task_id"]);
        Assert.Contains("Top-1 accuracy 51.3% [", outcome.Headline, StringComparison.Ordinal);
        var manifest = AssertCommitted(Dir.Combine("out"));
        Assert.Equal("passed", manifest.GetProperty("outcome").GetProperty("status").GetString());
        Assert.Contains("<svg", File.ReadAllText(Dir.Combine("out", "report.html")), StringComparison.Ordinal);
        Assert.Contains("![Tasks ranked by the upper bound of their interval](figures/tasks.png)", File.ReadAllText(Dir.Combine("out", "report.md")), StringComparison.Ordinal);
        Assert.True(File.Exists(Dir.Combine("out", "figures", "tasks.png")));
    }

    private sealed class RecordingProgress : IJobProgress
    {
        public List<string> Phases { get; } = [];

        public List<(long Done, long Total)> Reports { get; } = [];

        public void Begin(string label, string unit) => Phases.Add(label + " (" + unit + ")");

        public void Report(long done, long total) => Reports.Add((done, total));

        public void Detail(string detail)
        {
        }
    }

    [Fact]
    public async Task ReadingTheAnnotationsShowsProgressInMegabytesOfTheFile()
    {
        var progress = new RecordingProgress();
        var ctx = new JobContext(new GapLens.IO.Logging.RunLog(TextWriter.Null, GapLens.IO.Logging.LogLevel.Error), Dir.Path, progress, new RunRecord("perception score", []));
        var outcome = await new PerceptionScoreJob().RunAsync(new PerceptionScoreOptions(Annotations, Path("answers_a.json"), Dir.Combine("out")), ctx, CancellationToken.None);
        Assert.True(outcome.Passed);
        Assert.Equal("Reading annotations (MB)", progress.Phases[0]);
        long length = new FileInfo(Annotations).Length;
        Assert.Equal((length, length), progress.Reports[^1]);
    }

    [Fact]
    public async Task TasksAreRankedByTheUpperBoundOfTheirIntervalLowestFirst()
    {
        await Run(new PerceptionScoreOptions(Annotations, Path("answers_a.json"), Dir.Combine("out")));
        var tasks = Json(Dir.Combine("out", "scores.json")).GetProperty("tasks").EnumerateArray().ToList();
        var uppers = tasks.Select(t => t.GetProperty("accuracy").GetProperty("ci95").GetProperty("upper").GetDouble()).ToList();
        Assert.Equal(uppers.Order().ToList(), uppers);
        Assert.Equal(1, tasks[0].GetProperty("rank").GetInt32());
    }

    [Fact]
    public async Task CompareWritesTheComparisonAndItsSectionWithTheFlippedQuestions()
    {
        await Run(new PerceptionScoreOptions(Annotations, Path("answers_a.json"), Dir.Combine("out"), Compare: Path("answers_b.json")));
        var expected = Json(Path("expected.json")).GetProperty("compare_a_b").GetProperty("overall");
        var cmp = Json(Dir.Combine("out", "comparison.json"));
        Assert.Equal(expected.GetProperty("test")[1].GetDouble(), cmp.GetProperty("overall").GetProperty("test").GetProperty("p_value").GetDouble(), 12);
        var table = expected.GetProperty("table");
        int flips = table[0][1].GetInt32() + table[1][0].GetInt32();
        Assert.Equal(flips, cmp.GetProperty("flipped").GetArrayLength());
        string report = Dir.Combine("out", "report.json");
        Assert.Contains("compare", Sections(report));
        Assert.Equal(flips, Metric(report, "flipped").GetProperty("value").GetInt32());
        // Every column of every table says what it holds (the significance badge column had no header).
        var headers = Json(report).GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("blocks").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "table").SelectMany(b => b.GetProperty("table").GetProperty("columns").EnumerateArray())
            .Select(c => c.GetProperty("header").GetString()).ToList();
        Assert.NotEmpty(headers);
        Assert.All(headers, h => Assert.False(string.IsNullOrWhiteSpace(h)));
        Assert.Contains("at FDR 0.05", headers);
        AssertCommitted(Dir.Combine("out"));
    }

    [Fact]
    public async Task TheBMinusADifferencesCarryAPlusSignWhenPositiveInTheMarkdownAndHtml()
    {
        await Run(new PerceptionScoreOptions(Annotations, Path("answers_a.json"), Dir.Combine("out"), Compare: Path("answers_b.json")));
        var cmp = Json(Dir.Combine("out", "comparison.json"));
        var rows = new[] { "areas", "tasks" }.SelectMany(k => cmp.GetProperty(k).EnumerateArray())
            .Where(r => r.GetProperty("difference").ValueKind == System.Text.Json.JsonValueKind.Number)
            .Select(r => (Name: r.GetProperty("name").GetString()!, Difference: r.GetProperty("difference").GetDouble())).ToList();
        Assert.Contains(rows, r => r.Difference > 0.0005);
        string md = File.ReadAllText(Dir.Combine("out", "report.md"));
        string html = File.ReadAllText(Dir.Combine("out", "report.html"));
        foreach (var (name, difference) in rows.Where(r => Math.Abs(r.Difference) > 0.0005))
        {
            string shown = (difference > 0 ? "+" : "-") + Math.Abs(difference * 100).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + "%";
            var lines = md.Split('\n').Where(l => l.StartsWith($"| {name}", StringComparison.Ordinal)).ToList();
            Assert.True(lines.Any(l => l.Contains($"| {shown} |", StringComparison.Ordinal)), $"{name}: no row shows {shown}: {string.Join(" / ", lines)}");
            Assert.Contains($">{shown}<", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task LenientModeCountsTheUnansweredApartAndWarnsInTheVerdict()
    {
        var outcome = await Run(new PerceptionScoreOptions(Annotations, Path("answers_partial.json"), Dir.Combine("out"), Lenient: true));
        Assert.True(outcome.Passed);
        var scores = Json(Dir.Combine("out", "scores.json"));
        long unanswered = scores.GetProperty("unanswered").GetInt64();
        Assert.True(unanswered > 0);
        string report = Dir.Combine("out", "report.json");
        Assert.Equal(unanswered, Metric(report, "unanswered").GetProperty("value").GetInt64());
        Assert.Equal("warning", Json(report).GetProperty("verdict").GetProperty("tone").GetString());
        var samples = SampleResultsFile.Read(Dir.Combine("out", SampleResultsFile.DefaultName)).ToList();
        Assert.Equal(unanswered, samples.Count(s => s.Outcome == SampleOutcome.Unanswered));
        Assert.All(samples.Where(s => s.Outcome == SampleOutcome.Unanswered), s => Assert.Null(s.Score));
    }

    [Fact]
    public async Task AnAnswersFileThatAnswersNothingIsAUserErrorAndWritesNothing()
    {
        File.WriteAllText(Dir.Combine("empty.json"), "{}");
        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(new PerceptionScoreOptions(Annotations, Dir.Combine("empty.json"), Dir.Combine("out"), Lenient: true)));
        Assert.Contains("answers none of the 39 questions", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.False(File.Exists(Dir.Combine("out", OutputSet.ManifestName)));
    }

    [Fact]
    public async Task OfficialModeKeepsTheStarterKitsMissingAnswersError()
    {
        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(new PerceptionScoreOptions(Annotations, Path("answers_partial.json"), Dir.Combine("out"))));
        Assert.Contains("Missing answers in results", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailUnderFailsTheGateAndTheRunRecordSaysSo()
    {
        var outcome = await Run(new PerceptionScoreOptions(Annotations, Path("answers_a.json"), Dir.Combine("out"), FailUnder: 0.6));
        Assert.False(outcome.Passed);
        Assert.Contains("below --fail-under 60.0%", outcome.GateMessage, StringComparison.Ordinal);
        var manifest = AssertCommitted(Dir.Combine("out"));
        Assert.Equal(1, manifest.GetProperty("outcome").GetProperty("exit_code").GetInt32());
    }

    [Theory]
    [InlineData(0.0, null, "--alpha must be a number in (0, 1), got 0")]
    [InlineData(1.0, null, "--alpha must be a number in (0, 1), got 1")]
    [InlineData(0.05, 1.5, "--fail-under must be a number in [0, 1] (an accuracy, e.g. 0.6), or null (no gate), got 1.5")]
    [InlineData(0.05, double.NaN, "--fail-under must be a number in [0, 1] (an accuracy, e.g. 0.6), or null (no gate), got NaN")]
    public async Task OutOfRangeOptionsAreOneLineUserErrors(double alpha, double? failUnder, string message)
    {
        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(new PerceptionScoreOptions(Annotations, Path("answers_a.json"), Dir.Combine("out"), Alpha: alpha, FailUnder: failUnder)));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public async Task AMissingFileIsNamedWithItsOption()
    {
        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(new PerceptionScoreOptions(Annotations, Dir.Combine("nope.json"), Dir.Combine("out"))));
        Assert.StartsWith("--answers: file not found: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportNumbersAreInvariantUnderACommaDecimalCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
            await Run(new PerceptionScoreOptions(Annotations, Path("answers_a.json"), Dir.Combine("out")));
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = saved;
        }
        string md = File.ReadAllText(Dir.Combine("out", "report.md"));
        Assert.Contains("| top-1 accuracy | 51.3% | [36.2%, 66.1%] |", md, StringComparison.Ordinal);
        Assert.DoesNotContain("51,3", md, StringComparison.Ordinal);
    }

    [Fact]
    public void DescribeListsEveryOption()
    {
        var d = new PerceptionScoreOptions("a.json", "b.json", "out", true, "c.json", 0.1, 0.5).Describe().ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal(["alpha", "annotations", "answers", "compare", "fail_under", "lenient", "out"], d.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("true", d["lenient"]);
        Assert.Equal("0.1", d["alpha"]);
    }
}
