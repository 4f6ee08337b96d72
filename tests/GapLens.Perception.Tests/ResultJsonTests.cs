using System.Globalization;
using System.Text.Json;
using GapLens.Perception.Answers;
using GapLens.Perception.Scoring;

namespace GapLens.Perception.Tests;

public sealed class ResultJsonTests
{
    [Fact]
    public void ScoreResultsSerialiseWithSnakeCaseNamesStringEnumsAndInvariantNumbersUnderACommaCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var r = McScorer.Score(Fixture.Annotations, AnswersReader.Read(Fixture.PathOf("answers_partial.json")), ScoringMode.Lenient);
            string json = PerceptionJson.Serialize(r);
            var root = JsonDocument.Parse(json).RootElement;
            Assert.Equal("lenient", root.GetProperty("mode").GetString());
            Assert.Equal(r.Top1.Value!.Value, root.GetProperty("top1").GetProperty("value").GetDouble());
            Assert.Contains("\"value\": 0.", json, StringComparison.Ordinal);
            Assert.Equal(r.Unanswered, root.GetProperty("unanswered").GetInt64());
            // An empty category: null beside its reason.
            var empty = root.GetProperty("tags").EnumerateArray().First(t => t.GetProperty("answered").GetInt64() == 0);
            Assert.Equal(JsonValueKind.Null, empty.GetProperty("accuracy").GetProperty("value").ValueKind);
            Assert.Equal("no answered question in this category", empty.GetProperty("accuracy").GetProperty("undefined_reason").GetString());
            Assert.Equal("tag", empty.GetProperty("kind").GetString());
            var outcome = root.GetProperty("outcomes")[0];
            Assert.True(outcome.TryGetProperty("video_id", out _));
            Assert.True(outcome.TryGetProperty("answered", out _));
            Assert.Equal("wilson", root.GetProperty("top1").GetProperty("ci95").GetProperty("method").GetString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void AttentionAndConfidenceResultsSerialiseWithoutNaNAndWithUndefinedReasons()
    {
        var scores = McScorer.Score(Fixture.Annotations, AnswersReader.Read(Fixture.PathOf("answers_a.json")));
        var attention = Attention.AttentionAnalyzer.Analyze(Fixture.Annotations, new Attention.AttentionMapFolder(Fixture.PathOf("maps")), scores);
        string a = PerceptionJson.Serialize(attention);
        var root = JsonDocument.Parse(a).RootElement;
        Assert.Equal("mass_ratio", root.GetProperty("settings").GetProperty("rank_by").GetString());
        Assert.Equal("nearest", root.GetProperty("settings").GetProperty("frame_matching").GetString());
        Assert.Equal(7, root.GetProperty("slices").GetArrayLength());
        Assert.Equal("pointing_game", root.GetProperty("overall")[0].GetProperty("metrics")[0].GetProperty("metric").GetString());
        Assert.Equal("delong", root.GetProperty("ranking")[0].GetProperty("link").GetProperty("auroc").GetProperty("ci").GetProperty("method").GetString());
        var unscored = root.GetProperty("questions").EnumerateArray().FirstOrDefault(q => q.GetProperty("frames_scored").GetInt32() == 0);
        if (unscored.ValueKind != JsonValueKind.Undefined) Assert.NotNull(unscored.GetProperty("undefined_reason").GetString());
        var confidence = Confidence.ConfidenceAnalyzer.Analyze(Fixture.Annotations, scores, Confidence.ConfidenceReader.Read(Fixture.PathOf("confidence.jsonl")));
        var c = JsonDocument.Parse(PerceptionJson.Serialize(confidence)).RootElement;
        Assert.Equal("option_probability", c.GetProperty("signals")[0].GetProperty("signal").GetString());
        Assert.Equal("equal_mass", c.GetProperty("signals")[0].GetProperty("equal_mass").GetProperty("strategy").GetString());
        Assert.True(c.GetProperty("meta_model").GetProperty("tasks").GetArrayLength() > 1);
        foreach (string json in new[] { a, PerceptionJson.Serialize(confidence) })
        {
            Assert.DoesNotContain("NaN", json, StringComparison.Ordinal);
            Assert.DoesNotContain("Infinity", json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ComparisonResultsSerialiseWithFlipDirectionsAsStrings()
    {
        var a = McScorer.Score(Fixture.Annotations, AnswersReader.Read(Fixture.PathOf("answers_a.json")));
        var b = McScorer.Score(Fixture.Annotations, AnswersReader.Read(Fixture.PathOf("answers_b.json")));
        var root = JsonDocument.Parse(PerceptionJson.Serialize(McComparer.Compare(Fixture.Annotations, a, b))).RootElement;
        var directions = root.GetProperty("flipped").EnumerateArray().Select(f => f.GetProperty("direction").GetString()).Distinct().Order().ToList();
        Assert.Equal(["broken", "fixed"], directions);
        Assert.Equal("mcnemar-exact", root.GetProperty("overall").GetProperty("test").GetProperty("method").GetString());
    }
}
