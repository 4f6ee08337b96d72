using System.Text.RegularExpressions;
using GapLens.Core;
using GapLens.Core.Results;
using GapLens.IO.Files;
using GapLens.IO.Results;
using GapLens.Jobs.Perception;
using GapLens.Testing;
using static GapLens.Jobs.Tests.Perception.PerceptionFixture;

namespace GapLens.Jobs.Tests.Perception;

/// <summary>`perception attention` end to end on the attention fixture (tests/TestData/perception/maps,
/// whose metrics make_attention_fixtures.py checks against numpy and scikit-learn).</summary>
public sealed partial class PerceptionAttentionJobTests : TempDirTest
{
    private Task<JobOutcome> Run(PerceptionAttentionOptions o) => new PerceptionAttentionJob().RunAsync(o, Context(Dir), CancellationToken.None);

    [GeneratedRegex("src=\"data:image/png;base64,([^\"]+)\"")]
    private static partial Regex EmbeddedPng();

    [Fact]
    public async Task EveryMetricValueOfTheReportIsWrittenWithTheSameThreeDecimals()
    {
        await Run(new PerceptionAttentionOptions(Annotations, Path("maps"), Dir.Combine("out"), Path("answers_a.json")));
        // The same lift read 0.210 in one table and 0.21 in the next: one format for metric values.
        var tables = Json(Dir.Combine("out", "report.json")).GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("blocks").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "table").Select(b => b.GetProperty("table")).ToList();
        foreach (string id in new[] { "slices", "tasks" })
        {
            var t = tables.Single(x => x.GetProperty("id").GetString() == id);
            var columns = t.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
            foreach (var row in t.GetProperty("rows").EnumerateArray())
            {
                int i = 0;
                foreach (var cell in row.EnumerateArray())
                {
                    string column = columns[i++]!;
                    if (cell.GetProperty("type").GetString() != "number" || column is "questions" or "best_iou_fraction") continue;
                    Assert.True(cell.GetProperty("format").GetProperty("digits").GetInt32() == 3, $"{id}.{column} has {cell.GetProperty("format").GetProperty("digits").GetInt32()} decimals");
                }
            }
        }
    }

    [Fact]
    public async Task ASliceWhoseAurocIntervalHoldsHalfIsNotCalledAPredictorAndEveryColumnHasAHeader()
    {
        // The fixture's maps are random: the slice ranked first has AUROC 0.458 [0.269, 0.647].
        var outcome = await Run(new PerceptionAttentionOptions(Annotations, Path("maps"), Dir.Combine("out"), Path("answers_a.json")));
        var report = Json(Dir.Combine("out", "report.json"));
        var first = Json(Dir.Combine("out", "attention.json")).GetProperty("ranking")[0].GetProperty("link").GetProperty("auroc").GetProperty("ci");
        Assert.True(first.GetProperty("lower").GetDouble() <= 0.5);
        var points = report.GetProperty("verdict").GetProperty("points").EnumerateArray().Select(p => p.GetString()!).ToList();
        Assert.DoesNotContain(points, p => p.StartsWith("Best predictor", StringComparison.Ordinal));
        Assert.Contains(points, p => p.StartsWith("No slice's attention predicts correct answers", StringComparison.Ordinal));
        var headers = report.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("blocks").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "table").SelectMany(b => b.GetProperty("table").GetProperty("columns").EnumerateArray())
            .Select(c => c.GetProperty("header").GetString()).ToList();
        Assert.All(headers, h => Assert.False(string.IsNullOrWhiteSpace(h)));
        Assert.True(outcome.Passed);
    }

    [Fact]
    public async Task WritesMetricsOverlaysEmbeddedInTheReportAndSamplesWithTheRunRecordLast()
    {
        var outcome = await Run(new PerceptionAttentionOptions(Annotations, Path("maps"), Dir.Combine("out"), Path("answers_a.json")));
        Assert.True(outcome.Passed);
        var result = Json(Dir.Combine("out", "attention.json"));
        int questions = result.GetProperty("questions").GetArrayLength();
        Assert.Equal(result.GetProperty("diagnostics").GetProperty("maps_scored").GetInt32(), questions);
        var overlays = Directory.GetFiles(Dir.Combine("out", "overlays"), "*.png");
        Assert.NotEmpty(overlays);
        Assert.Contains(overlays, f => f.EndsWith("-strongest.png", StringComparison.Ordinal));
        string html = File.ReadAllText(Dir.Combine("out", "report.html"));
        // Each overlay once, and again where "Where it fails" shows it for a failing question.
        Assert.Equal(overlays.Length, EmbeddedPng().Matches(html).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Count());
        string report = Dir.Combine("out", "report.json");
        Assert.Equal(["inputs", "metrics", "slices", "iou_sweep", "correctness", "tasks", "where_it_fails", "gallery"], Sections(report).Where(s => s != "warnings"));
        Assert.Equal(questions, Metric(report, "maps_scored").GetProperty("value").GetInt32());
        var samples = SampleResultsFile.Read(Dir.Combine("out", SampleResultsFile.DefaultName)).ToList();
        Assert.Equal(questions, samples.Count);
        Assert.All(samples, s => Assert.True(s.Metadata.ContainsKey("mass_ratio") && s.Metadata.ContainsKey("mass_ratio_chance")));
        Assert.DoesNotContain(samples, s => s.Outcome == SampleOutcome.Skipped);
        AssertCommitted(Dir.Combine("out"));
    }

    [Fact]
    public async Task TheHeadlineSliceIsTheOneRankedFirstAndItsLiftIsMetricMinusChance()
    {
        await Run(new PerceptionAttentionOptions(Annotations, Path("maps"), Dir.Combine("out"), Path("answers_a.json")));
        var result = Json(Dir.Combine("out", "attention.json"));
        var first = result.GetProperty("ranking").EnumerateArray().First(r => r.GetProperty("link").GetProperty("auroc").GetProperty("value").ValueKind != System.Text.Json.JsonValueKind.Null);
        string name = first.GetProperty("slice").GetProperty("name").GetString()!;
        int index = first.GetProperty("slice").GetProperty("index").GetInt32();
        var overall = result.GetProperty("overall").EnumerateArray().First(s => s.GetProperty("slice").GetInt32() == index);
        var mass = overall.GetProperty("metrics").EnumerateArray().First(m => m.GetProperty("metric").GetString() == "mass_ratio");
        string md = File.ReadAllText(Dir.Combine("out", "report.md"));
        Assert.Contains($"mass ratio on slice {name}:", md, StringComparison.Ordinal);
        double lift = mass.GetProperty("lift").GetProperty("value").GetDouble();
        Assert.Equal(mass.GetProperty("mean").GetProperty("value").GetDouble() - mass.GetProperty("chance").GetProperty("value").GetDouble(), lift, 9);
    }

    [Fact]
    public async Task WithoutAnswersTheQuestionsAreSkippedAndTheLinkIsNotComputed()
    {
        var outcome = await Run(new PerceptionAttentionOptions(Annotations, Path("maps"), Dir.Combine("out")));
        Assert.True(outcome.Passed);
        var samples = SampleResultsFile.Read(Dir.Combine("out", SampleResultsFile.DefaultName)).ToList();
        Assert.All(samples, s => Assert.Equal(SampleOutcome.Skipped, s.Outcome));
        Assert.Contains("Not computed: give the model's answers (--answers)", File.ReadAllText(Dir.Combine("out", "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ObjectLabelsThatMatchNothingAreAUserErrorNamingTheOption()
    {
        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(new PerceptionAttentionOptions(Annotations, Path("maps"), Dir.Combine("out"), Objects: ["zebra"])));
        Assert.Contains("'zebra'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--objects", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Dir.Combine("out", OutputSet.ManifestName)));
    }

    [Fact]
    public async Task AnEmptyMapsFolderIsAUserError()
    {
        Directory.CreateDirectory(Dir.Combine("maps"));
        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(new PerceptionAttentionOptions(Annotations, Dir.Combine("maps"), Dir.Combine("out"))));
        Assert.Contains("holds no attention map", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapsOfVideosTheAnnotationsDoNotHaveAreAUserError()
    {
        Directory.CreateDirectory(Dir.Combine("maps", "video_99999"));
        File.Copy(Path("maps", "video_10000", "0.npy"), Dir.Combine("maps", "video_99999", "0.npy"));
        File.Copy(Path("maps", "video_10000", "0.json"), Dir.Combine("maps", "video_99999", "0.json"));
        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(new PerceptionAttentionOptions(Annotations, Dir.Combine("maps"), Dir.Combine("out"))));
        Assert.Contains("none of its 1 maps belongs to a question", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--iou-fraction must be a number in (0, 1]", 0.0, 0.0, "nearest", "mass_ratio")]
    [InlineData("--pointing-tolerance must be a number in [0, 64] (map cells), got 65", 0.15, 65.0, "nearest", "mass_ratio")]
    [InlineData("--frame-matching must be one of nearest, exact, interpolate, got 'closest'", 0.15, 0.0, "closest", "mass_ratio")]
    [InlineData("--rank-by must be one of pointing_game, mass_ratio, rank_accuracy, iou, roc_auc, got 'auc'", 0.15, 0.0, "nearest", "auc")]
    public async Task OutOfRangeOptionsAreOneLineUserErrors(string message, double iou, double pointing, string matching, string rankBy)
    {
        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(new PerceptionAttentionOptions(Annotations, Path("maps"), Dir.Combine("out"),
            IouFraction: iou, PointingTolerance: pointing, Matching: matching, RankBy: rankBy)));
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }
}
