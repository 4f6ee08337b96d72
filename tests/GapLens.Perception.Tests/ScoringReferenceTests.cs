using System.Text.Json;
using GapLens.Core;
using GapLens.Perception.Answers;
using GapLens.Perception.Scoring;

namespace GapLens.Perception.Tests;

/// <summary>Multiple-choice scoring against the starter kit's calc_top1 / calc_top1_by_cat (reimplemented
/// in make_perception_fixtures.py) and statsmodels / scipy for the intervals and tests.</summary>
public sealed class ScoringReferenceTests
{
    private static McScoreResult Score(string file, ScoringMode mode = ScoringMode.Official) =>
        McScorer.Score(Fixture.Annotations, AnswersReader.Read(Fixture.PathOf(file)), mode);

    private static void AssertBlock(JsonElement e, McScoreResult r)
    {
        Fixture.Close(e.GetProperty("top1").GetDouble(), r.Top1.Value, "top1");
        Fixture.Close(e.GetProperty("top1_ci")[0].GetDouble(), r.Top1.Ci95!.Lower, "top1 ci lower", 1e-12);
        Fixture.Close(e.GetProperty("top1_ci")[1].GetDouble(), r.Top1.Ci95.Upper, "top1 ci upper", 1e-12);
        Assert.Equal(e.GetProperty("questions").GetInt64(), r.Questions);
        Assert.Equal(e.GetProperty("answered").GetInt64(), r.Answered);
        Assert.Equal(e.GetProperty("correct").GetInt64(), r.Correct);
        // calc_top1_by_cat: every category of CAT, in CAT's order; NaN (an empty category) is undefined here.
        var byCat = e.GetProperty("by_cat");
        var mine = r.Areas.Concat(r.ReasoningTypes).Concat(r.Tags).ToList();
        Assert.Equal(Fixture.Expected.GetProperty("cat_order").EnumerateArray().Select(v => v.GetString()), mine.Select(c => c.Name));
        foreach (var c in mine)
        {
            Fixture.Close(Fixture.Num(byCat.GetProperty(c.Name)), c.Accuracy.Value, $"category {c.Name}");
            if (c.Accuracy.Value is null) Assert.Equal("no answered question in this category", c.Accuracy.UndefinedReason);
        }
        // Tasks: same counts, videos and Wilson intervals (statsmodels).
        var tasks = e.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("question").GetString()!);
        Assert.Equal(tasks.Count, r.Tasks.Length);
        foreach (var t in r.Tasks)
        {
            var x = tasks[t.Question];
            Assert.Equal(x.GetProperty("questions").GetInt64(), t.Questions);
            Assert.Equal(x.GetProperty("answered").GetInt64(), t.Answered);
            Assert.Equal(x.GetProperty("correct").GetInt64(), t.Correct);
            Assert.Equal(x.GetProperty("videos").GetInt32(), t.Videos);
            if (x.GetProperty("ci").ValueKind == JsonValueKind.Null)
            {
                Assert.Null(t.Accuracy.Value);
                continue;
            }
            Fixture.Close(x.GetProperty("ci")[0].GetDouble(), t.Accuracy.Ci95!.Lower, $"{t.TaskId} lower");
            Fixture.Close(x.GetProperty("ci")[1].GetDouble(), t.Accuracy.Ci95.Upper, $"{t.TaskId} upper");
        }
        // Ranked by the upper bound, lowest first.
        var uppers = r.Tasks.Where(t => t.Accuracy.Ci95 is not null).Select(t => t.Accuracy.Ci95!.Upper).ToList();
        Assert.Equal(uppers.Order(), uppers);
        Assert.Equal(Enumerable.Range(1, r.Tasks.Length), r.Tasks.Select(t => t.Rank));
        // Option positions and scipy.stats.chisquare.
        var pos = e.GetProperty("positions");
        for (int p = 0; p < 3; p++)
        {
            Assert.Equal(pos.GetProperty("chosen")[p].GetInt64(), r.OptionPositions.Positions[p].TimesChosen);
            Assert.Equal(pos.GetProperty("truth")[p].GetInt64(), r.OptionPositions.Positions[p].TimesCorrectOption);
            Assert.Equal(pos.GetProperty("correct")[p].GetInt64(), r.OptionPositions.Positions[p].CorrectWhenAnswerHere);
        }
        Fixture.Close(pos.GetProperty("chi2")[0].GetDouble(), r.OptionPositions.ChoicesVsAnswers.Statistic, "chi2");
        Fixture.Close(pos.GetProperty("chi2")[1].GetDouble(), r.OptionPositions.ChoicesVsAnswers.PValue, "chi2 p", 1e-10);
    }

    [Theory]
    [InlineData("a", "answers_a.json")]
    [InlineData("b", "answers_b.json")]
    public void CompleteAnswerFilesScoreAsTheStarterKit(string key, string file)
    {
        var r = Score(file);
        Assert.Equal(ScoringMode.Official, r.Mode);
        Assert.Null(r.Top1AllQuestions);
        Assert.Equal(0, r.Unanswered);
        Assert.Empty(r.Warnings);
        AssertBlock(Fixture.Expected.GetProperty(key), r);
    }

    [Fact]
    public void APartialFileFailsOfficiallyAndScoresLenientlyOverTheAnsweredQuestions()
    {
        var e = Fixture.Expected.GetProperty("partial");
        var ex = Assert.Throws<UserInputException>(() => Score("answers_partial.json"));
        Assert.Contains(e.GetProperty("official_error").GetString()!.TrimEnd('.'), ex.Message, StringComparison.Ordinal);
        Assert.Contains("lenient", ex.Message, StringComparison.Ordinal);
        var r = Score("answers_partial.json", ScoringMode.Lenient);
        AssertBlock(e, r);
        Assert.Equal(r.Questions - r.Answered, r.Unanswered);
        Assert.True(r.Unanswered > 0);
        Fixture.Close(e.GetProperty("top1_all").GetDouble(), r.Top1AllQuestions!.Value, "top1 counting unanswered as wrong");
        Assert.Equal(r.Unanswered, r.Outcomes.Count(o => !o.Answered));
        Assert.All(r.Outcomes.Where(o => !o.Answered), o => Assert.False(o.Correct));
    }

    [Fact]
    public void BrokenAnswerFilesFailWithTheStarterKitsMessage()
    {
        foreach (var c in Fixture.Expected.GetProperty("errors").EnumerateArray())
        {
            string file = c.GetProperty("file").GetString()!;
            var ex = Assert.Throws<UserInputException>(() => Score(Path.Combine("errors", file)));
            string want = c.GetProperty("exception").GetString() == "IndexError"
                ? "Unexpected question ID in answer" // the starter kit fails with a bare IndexError here
                : c.GetProperty("message").GetString()!.TrimEnd('.');
            Assert.Contains(want, ex.Message, StringComparison.Ordinal);
            Assert.Contains(file, ex.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', ex.Message);
        }
    }

    [Fact]
    public void MissingAnswersAreAlsoAllowedInLenientModeButOtherErrorsAreNot()
    {
        var r = Score(Path.Combine("errors", "missing_answers.json"), ScoringMode.Lenient);
        Assert.Equal(1, r.Unanswered);
        Assert.Throws<UserInputException>(() => Score(Path.Combine("errors", "wrong_text.json"), ScoringMode.Lenient));
    }

    private static void AssertRow(JsonElement e, McNemarRow row, string what)
    {
        var t = e.GetProperty("table");
        Assert.Equal(t[0][0].GetInt64(), row.BothCorrect);
        Assert.Equal(t[0][1].GetInt64(), row.OnlyACorrect);
        Assert.Equal(t[1][0].GetInt64(), row.OnlyBCorrect);
        Assert.Equal(t[1][1].GetInt64(), row.BothWrong);
        if (e.GetProperty("test").ValueKind == JsonValueKind.Null)
        {
            Assert.Null(row.Test.PValue);
            Assert.NotNull(row.Test.UndefinedReason);
            Assert.Null(row.AdjustedP);
            return;
        }
        Fixture.Close(e.GetProperty("test")[0].GetDouble(), row.Test.Statistic, what + " statistic");
        Fixture.Close(e.GetProperty("test")[1].GetDouble(), row.Test.PValue, what + " p", 1e-10);
        if (e.TryGetProperty("p_adj", out var adj))
        {
            Fixture.Close(adj.GetDouble(), row.AdjustedP, what + " adjusted p", 1e-10);
            Assert.Equal(e.GetProperty("reject").GetBoolean(), row.Significant);
        }
    }

    [Theory]
    [InlineData("compare_a_b", "answers_a.json", ScoringMode.Official)]
    [InlineData("compare_partial_b", "answers_partial.json", ScoringMode.Lenient)]
    public void ComparisonEqualsStatsmodelsMcNemarWithBenjaminiHochbergAcrossTasks(string key, string first, ScoringMode mode)
    {
        var e = Fixture.Expected.GetProperty(key);
        var a = Score(first, mode);
        var b = Score("answers_b.json");
        var c = McComparer.Compare(Fixture.Annotations, a, b);
        Assert.Equal(e.GetProperty("compared").GetInt64(), c.Compared);
        Assert.Equal(a.Unanswered, c.AnsweredByOneOnly);
        AssertRow(e.GetProperty("overall"), c.Overall, "overall");
        var areas = e.GetProperty("areas").EnumerateArray().ToList();
        Assert.Equal(areas.Select(x => x.GetProperty("name").GetString()), c.Areas.Select(x => x.Name));
        for (int i = 0; i < areas.Count; i++) AssertRow(areas[i], c.Areas[i], c.Areas[i].Name);
        var tasks = e.GetProperty("tasks").EnumerateArray().ToDictionary(t => t.GetProperty("question").GetString()!);
        Assert.Equal(tasks.Count, c.Tasks.Length);
        foreach (var row in c.Tasks) AssertRow(tasks[row.Question!], row, row.Name);
        var flipped = e.GetProperty("flipped").EnumerateArray().Select(f => (f[0].GetString()!, f[1].GetInt32(), f[2].GetString()!)).Order().ToList();
        var mine = c.Flipped.Select(f => (f.VideoId, f.QuestionId, f.Direction == FlipDirection.Fixed ? "fixed" : "broken")).Order().ToList();
        Assert.Equal(flipped, mine);
        Assert.Equal(c.Overall.OnlyACorrect + c.Overall.OnlyBCorrect, c.Flipped.Length);
    }
}
