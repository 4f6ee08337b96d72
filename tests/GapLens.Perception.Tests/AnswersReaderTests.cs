using GapLens.Core;
using GapLens.Perception.Answers;
using GapLens.Perception.Scoring;
using GapLens.Testing;

namespace GapLens.Perception.Tests;

public sealed class AnswersReaderTests
{
    private static AnswerSet Read(string json)
    {
        using var dir = new TempDir();
        return AnswersReader.Read(dir.File("answers.json", json));
    }

    [Fact]
    public void ReadsAnswersInFileOrder()
    {
        var s = Read("""{"v2": [{"id": 1, "answer_id": 0, "answer": "x", "extra": [1]}], "v1": [{"id": 0, "answer_id": 2, "answer": "y"}]}""");
        Assert.Equal([new McAnswer("v2", 1, 0, "x"), new McAnswer("v1", 0, 2, "y")], s.Answers.ToArray());
    }

    [Fact]
    public void AcceptsTheEvalAiSubmissionShape()
    {
        var s = Read("""{"v1": {"mc_question": [{"id": 0, "answer_id": 2, "answer": "y"}]}}""");
        Assert.Equal([new McAnswer("v1", 0, 2, "y")], s.Answers.ToArray());
    }

    [Theory]
    [InlineData("""{"v1": 3}""", "video v1 is a number")]
    [InlineData("""{"v1": {"answers": []}}""", "without 'mc_question'")]
    [InlineData("""{"v1": [{"answer_id": 2, "answer": "y"}]}""", "video v1, answer 0: missing 'id'")]
    [InlineData("""{"v1": [{"id": 0, "answer": "y"}]}""", "missing 'answer_id'")]
    [InlineData("""{"v1": [{"id": 0, "answer_id": 1}]}""", "missing 'answer'")]
    [InlineData("""{"v1": [{"id": 0, "answer_id": "1", "answer": "y"}]}""", "'answer_id' must be an integer, got a string")]
    [InlineData("""{"v1": [{"id": 0, "answer_id": 1, "answer": "y"}, 7]}""", "video v1, answer 1: 'answer' must be an object")]
    [InlineData("""[{"id": 0}]""", "is not a JSON object keyed by video id")]
    public void BadAnswerFilesAreUserErrorsNamingTheVideoAndItem(string json, string says)
    {
        var ex = Assert.Throws<UserInputException>(() => Read(json));
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
        Assert.Contains("answers.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AQuestionAnsweredTwiceIsAnError()
    {
        var fixture = AnswersReader.Read(Fixture.PathOf("answers_a.json"));
        var twice = fixture with { Answers = fixture.Answers.Add(fixture.Answers[0]) };
        var ex = Assert.Throws<UserInputException>(() => McScorer.Score(Fixture.Annotations, twice));
        Assert.Contains("answered twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyAnswersFileScoresNothingInLenientMode()
    {
        var r = McScorer.Score(Fixture.Annotations, Read("{}"), ScoringMode.Lenient);
        Assert.Equal(0, r.Answered);
        Assert.Equal(39, r.Unanswered);
        Assert.Null(r.Top1.Value);
        Assert.Equal("no answered questions", r.Top1.UndefinedReason);
        Assert.Equal(0, r.Top1AllQuestions!.Value);
        Assert.Null(r.OptionPositions.ChoicesVsAnswers.PValue);
        Assert.All(r.Tasks, t => Assert.Null(t.Accuracy.Value));
        Assert.All(r.Areas, c => Assert.Null(c.Accuracy.Value));
    }

    [Fact]
    public void TagsAndReasoningOutsideTheStarterKitListsAreCountedWithAWarning()
    {
        using var dir = new TempDir();
        var ann = Annotations.AnnotationReader.Read(dir.File("a.json",
            """{"v": {"mc_question": [{"question": "q", "options": ["a","b","c"], "answer_id": 0, "reasoning": "abductive", "tag": ["motion", "juggling", "collision"]}]}}"""));
        var r = McScorer.Score(ann, AnswersReader.Read(dir.File("b.json", """{"v": [{"id": 0, "answer_id": 0, "answer": "a"}]}""")));
        Assert.Equal(2, r.Warnings.Length);
        var juggling = Assert.Single(r.Tags, t => t.Name == "juggling");
        Assert.False(juggling.InTaxonomy);
        Assert.Equal(1, juggling.Accuracy.Value);
        Assert.False(Assert.Single(r.ReasoningTypes, t => t.Name == "abductive").InTaxonomy);
        var physics = Assert.Single(r.Areas, a => a.Name == "physics");
        Assert.Equal(1, physics.Answered); // motion and collision are both physics: counted once
        Assert.Equal(["physics"], r.Tasks[0].Areas.ToArray());
    }
}
