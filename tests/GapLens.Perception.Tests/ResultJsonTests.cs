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
