using System.Text.Json;
using GapLens.Core.Metrics;
using GapLens.Perception.Answers;
using GapLens.Perception.Attention;
using GapLens.Perception.Scoring;

namespace GapLens.Perception.Tests;

/// <summary>Attention metrics against the independent numpy implementation (make_attention_fixtures.py,
/// which also checks its own values against Quantus's code on binary masks).</summary>
public sealed class AttentionReferenceTests
{
    private static readonly Lazy<JsonElement> Expected = new(() => JsonDocument.Parse(File.ReadAllBytes(Fixture.PathOf("expected_attention.json"))).RootElement);

    private static readonly Lazy<AttentionResult> Result = new(() =>
    {
        var scores = McScorer.Score(Fixture.Annotations, AnswersReader.Read(Fixture.PathOf("answers_a.json")));
        return AttentionAnalyzer.Analyze(Fixture.Annotations, new AttentionMapFolder(Fixture.PathOf("maps")), scores);
    });

    private static readonly string[] Names = ["pointing_game", "mass_ratio", "rank_accuracy", "iou", "roc_auc"];

    private static void AssertMean(JsonElement e, MetricValue m, string what)
    {
        if (e.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(m.Value);
            Assert.NotNull(m.UndefinedReason);
            return;
        }
        Fixture.Close(e.GetProperty("mean").GetDouble(), m.Value, what, 1e-9);
        if (e.GetProperty("ci").ValueKind == JsonValueKind.Null)
        {
            Assert.Null(m.Ci95);
            return;
        }
        Fixture.Close(e.GetProperty("ci")[0].GetDouble(), m.Ci95!.Lower, what + " lower", 1e-9);
        Fixture.Close(e.GetProperty("ci")[1].GetDouble(), m.Ci95.Upper, what + " upper", 1e-9);
    }

    private static void AssertSummary(JsonElement e, SliceSummary s, string what, bool sweep)
    {
        for (int k = 0; k < Names.Length; k++)
        {
            var x = e.GetProperty(Names[k]);
            var m = s.Metrics[k];
            Assert.Equal((LocalisationMetric)k, m.Metric);
            Assert.Equal(x.GetProperty("n").GetInt32(), m.Questions);
            AssertMean(x.GetProperty("mean"), m.Mean, $"{what} {Names[k]} mean");
            AssertMean(x.GetProperty("chance"), m.Chance, $"{what} {Names[k]} chance");
            AssertMean(x.GetProperty("lift"), m.Lift, $"{what} {Names[k]} lift");
        }
        if (!sweep) return;
        Assert.Equal(e.GetProperty("best_fraction").GetDouble(), s.BestIouFraction);
        var points = e.GetProperty("sweep").EnumerateArray().ToList();
        Assert.Equal(points.Count, s.IouSweep.Length);
        for (int j = 0; j < points.Count; j++) AssertMean(points[j], s.IouSweep[j].MeanIou, $"{what} sweep {s.IouSweep[j].Fraction}");
    }

    private static void AssertLinks(JsonElement e, IEnumerable<CorrectnessLink> links, string what)
    {
        foreach (var l in links)
        {
            var x = e[l.Slice].GetProperty(Names[(int)l.Metric]);
            string at = $"{what} slice {l.Slice} {l.Metric}";
            Assert.Equal(x.GetProperty("n").GetInt32(), l.Questions);
            Assert.Equal(x.GetProperty("correct").GetInt32(), l.Correct);
            Fixture.Close(Fixture.Num(x.GetProperty("auc")), l.Auroc.Value, at + " auc", 1e-9);
            if (x.TryGetProperty("auc_ci", out var ci) && ci.ValueKind != JsonValueKind.Null)
            {
                Fixture.Close(ci[0].GetDouble(), l.Auroc.Ci!.Lower, at + " auc lower", 1e-9);
                Fixture.Close(ci[1].GetDouble(), l.Auroc.Ci.Upper, at + " auc upper", 1e-9);
            }
            Fixture.Close(Fixture.Num(x.GetProperty("r")), l.PointBiserial.R, at + " r", 1e-9);
            if (x.GetProperty("r").ValueKind == JsonValueKind.Null) continue;
            Fixture.Close(x.GetProperty("p").GetDouble(), l.PointBiserial.PValue, at + " p", 1e-7);
            Fixture.Close(x.GetProperty("r_ci")[0].GetDouble(), l.PointBiserial.Ci!.Lower, at + " r lower", 1e-9);
            Fixture.Close(x.GetProperty("r_ci")[1].GetDouble(), l.PointBiserial.Ci.Upper, at + " r upper", 1e-9);
        }
    }

    [Fact]
    public void SlicesAreEveryLayerAndHeadThenTheMeans()
    {
        var r = Result.Value;
        Assert.Equal(Expected.Value.GetProperty("slices").GetInt32(), r.Slices.Length);
        Assert.Equal(
            ["layer 4 / head 0", "layer 4 / head 1", "layer 4 / mean of heads", "layer 12 / head 0", "layer 12 / head 1", "layer 12 / mean of heads", "mean of all layers and heads"],
            r.Slices.Select(s => s.Name).ToArray());
    }

    [Fact]
    public void EveryQuestionsMetricsEqualTheNumpyImplementation()
    {
        var r = Result.Value;
        var questions = Expected.Value.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(questions.Count, r.Questions.Length);
        for (int i = 0; i < questions.Count; i++)
        {
            var e = questions[i];
            var q = r.Questions[i];
            string at = $"{q.VideoId}/{q.QuestionId}";
            Assert.Equal(e.GetProperty("video").GetString(), q.VideoId);
            Assert.Equal(e.GetProperty("q").GetInt32(), q.QuestionId);
            Assert.Equal(e.GetProperty("scored").GetInt32(), q.FramesScored);
            Assert.Equal(e.GetProperty("frames").GetInt32(), q.Frames);
            Assert.Equal(e.GetProperty("correct").ValueKind == JsonValueKind.Null ? null : e.GetProperty("correct").GetBoolean(), q.Correct);
            for (int k = 0; k < 5; k++) Fixture.Close(Fixture.Num(e.GetProperty("chance")[k]), q.Chance.Get((LocalisationMetric)k), $"{at} chance {Names[k]}", 1e-12);
            for (int s = 0; s < q.Slices.Length; s++)
            {
                for (int k = 0; k < 5; k++) Fixture.Close(Fixture.Num(e.GetProperty("slices")[s][k]), q.Slices[s].Get((LocalisationMetric)k), $"{at} slice {s} {Names[k]}", 1e-9);
            }
            if (q.FramesScored == 0) Assert.NotNull(q.UndefinedReason);
        }
        Assert.Contains(r.Questions, q => q.FramesScored == 0 || q.FramesScored < q.Frames); // frames without boxes exist
    }

    [Fact]
    public void OverallSummariesSweepAndCorrectnessLinksEqualTheReference()
    {
        var r = Result.Value;
        var overall = Expected.Value.GetProperty("overall").EnumerateArray().ToList();
        for (int s = 0; s < r.Overall.Length; s++) AssertSummary(overall[s], r.Overall[s], $"overall slice {s}", sweep: true);
        AssertLinks(Expected.Value.GetProperty("links"), r.Correctness, "overall");
        Assert.Equal(r.Slices.Length * 5, r.Correctness.Length);
    }

    [Fact]
    public void PerTaskSummariesAndLinksEqualTheReference()
    {
        var r = Result.Value;
        var tasks = Expected.Value.GetProperty("tasks");
        Assert.Equal(tasks.EnumerateObject().Count(), r.Tasks.Length);
        foreach (var t in r.Tasks)
        {
            var e = tasks.GetProperty(t.Question);
            var summaries = e.GetProperty("summary").EnumerateArray().ToList();
            for (int s = 0; s < t.Slices.Length; s++) AssertSummary(summaries[s], t.Slices[s], $"{t.TaskId} slice {s}", sweep: false);
            AssertLinks(e.GetProperty("links"), t.Correctness, t.TaskId);
        }
    }

    [Fact]
    public void SlicesAreRankedByTheAurocOfTheMassRatio()
    {
        var r = Result.Value;
        Assert.Equal(r.Slices.Length, r.Ranking.Length);
        Assert.All(r.Ranking, x => Assert.Equal(LocalisationMetric.MassRatio, x.Link.Metric));
        var aucs = r.Ranking.Select(x => x.Link.Auroc.Value ?? double.NegativeInfinity).ToList();
        Assert.Equal(aucs.OrderDescending(), aucs);
        Assert.Equal(Enumerable.Range(1, r.Slices.Length), r.Ranking.Select(x => x.Rank));
    }

    [Fact]
    public void DiagnosticsCountMapsAndFrames()
    {
        var d = Result.Value.Diagnostics;
        Assert.Equal(39, d.MapsListed);
        Assert.Equal(39, d.MapsScored);
        Assert.Equal(0, d.MapsWithoutQuestion);
        Assert.Equal(0, d.QuestionsWithoutMap);
        var q = Expected.Value.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(q.Sum(x => x.GetProperty("scored").GetInt32()), d.FramesScored);
        Assert.Equal(q.Sum(x => x.GetProperty("frames").GetInt32() - x.GetProperty("scored").GetInt32()), d.FramesWithoutBoxes);
    }
}
