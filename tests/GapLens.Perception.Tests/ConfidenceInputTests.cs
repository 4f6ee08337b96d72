using System.Collections.Immutable;
using GapLens.Core;
using GapLens.Perception.Annotations;
using GapLens.Perception.Answers;
using GapLens.Perception.Confidence;
using GapLens.Perception.Scoring;
using GapLens.Testing;

namespace GapLens.Perception.Tests;

public sealed class ConfidenceInputTests
{
    private static ConfidenceSet Read(string jsonl)
    {
        using var dir = new TempDir();
        return ConfidenceReader.Read(dir.File("conf.jsonl", jsonl));
    }

    [Fact]
    public void ReadsEverySignalKindAndNormalisesProbabilities()
    {
        var s = Read("""
            {"video_id": "v", "id": 0, "option_probs": [0.5, 0.3, 0.2005], "verbal": 0.9, "samples": [0, 1, 0], "other": {"x": 1}}

            {"video_id": "v", "id": 1, "option_logprobs": [0, -1000, 0]}
            """);
        Assert.Equal(2, s.Records.Length);
        var a = s.Records[0];
        Assert.Equal(1, a.OptionProbabilities!.Value.Sum(), 12);
        Assert.Equal(0.5 / 1.0005, a.OptionProbabilities.Value[0], 12);
        Assert.Equal(0.9, a.Verbal);
        Assert.Equal([0, 1, 0], a.Samples!.Value.ToArray());
        Assert.Equal(1, a.Line);
        Assert.Equal(3, s.Records[1].Line);
        Assert.Equal([0.5, 0, 0.5], s.Records[1].OptionProbabilities!.Value.Select(p => Math.Round(p, 12)).ToArray());
    }

    [Theory]
    [InlineData("""[1, 2]""", "expected a JSON object per line, got an array")]
    [InlineData("""{"id": 0, "verbal": 0.5}""", "missing \"video_id\"")]
    [InlineData("""{"video_id": "v", "verbal": 0.5}""", "missing \"id\"")]
    [InlineData("""{"video_id": "v", "id": -1, "verbal": 0.5}""", "\"id\" must be the question's index")]
    [InlineData("""{"video_id": "v", "id": 0}""", "no confidence signal")]
    [InlineData("""{"video_id": "v", "id": 0, "verbal": 85}""", "(a percentage? divide by 100)")]
    [InlineData("""{"video_id": "v", "id": 0, "option_probs": [0.5, 0.5]}""", "has 2 numbers; expected 3")]
    [InlineData("""{"video_id": "v", "id": 0, "option_probs": [2, 1, 1]}""", "give unnormalised scores as \"option_logprobs\"")]
    [InlineData("""{"video_id": "v", "id": 0, "option_probs": [0.5, 0.5, 0], "option_logprobs": [0, 0, 0]}""", "not both")]
    [InlineData("""{"video_id": "v", "id": 0, "samples": [0, 3]}""", "\"samples\" must be a list of sampled answer ids (0, 1 or 2), got 3")]
    [InlineData("""{"video_id": "v", "id": 0, "samples": []}""", "\"samples\" is empty")]
    [InlineData("""{"video_id": "v", "id": 0, "verbal": 0.5""", "not valid JSON")]
    public void BadLinesAreUserErrorsNamingTheLine(string line, string says)
    {
        var ex = Assert.Throws<UserInputException>(() => Read("\n" + line + "\n"));
        Assert.Contains("conf.jsonl line 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
    }

    private static (PerceptionAnnotations, McScoreResult) OneTask(int questions, Func<int, bool> correct, bool lenient = false)
    {
        var qs = Enumerable.Range(0, questions).Select(i => new McQuestion(i, i % 2 == 0 ? "Same?" : "Other?", ["a", "b", "c"], 0, null, "descriptive", ["motion"])).ToImmutableArray();
        var ann = new PerceptionAnnotations("ann.json", [new PerceptionVideo("v", new VideoMetadata(null, 30, 300, 10, 10), qs, [])]);
        var answers = Enumerable.Range(0, lenient ? questions - 1 : questions).Select(i => correct(i) ? new McAnswer("v", i, 0, "a") : new McAnswer("v", i, 1, "b"));
        return (ann, McScorer.Score(ann, new AnswerSet("answers.json", [.. answers]), lenient ? ScoringMode.Lenient : ScoringMode.Official));
    }

    [Fact]
    public void UnknownQuestionsAndRepeatedLinesAreUserErrors()
    {
        var (ann, scores) = OneTask(2, _ => true);
        var unknown = new ConfidenceSet("c.jsonl", [new ConfidenceRecord("v", 5, 1, null, 0.5, null)]);
        Assert.Contains("line 1: video v question 5 is not a question", Assert.Throws<UserInputException>(() => ConfidenceAnalyzer.Analyze(ann, scores, unknown)).Message, StringComparison.Ordinal);
        var twice = new ConfidenceSet("c.jsonl", [new ConfidenceRecord("v", 0, 1, null, 0.5, null), new ConfidenceRecord("v", 0, 4, null, 0.6, null)]);
        Assert.Contains("line 4: video v question 0 already has a line (1)", Assert.Throws<UserInputException>(() => ConfidenceAnalyzer.Analyze(ann, scores, twice)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingLinesAndLinesForUnansweredQuestionsAreCountedAndWarned()
    {
        var (ann, scores) = OneTask(4, i => i < 2, lenient: true); // question 3 unanswered
        var set = new ConfidenceSet("c.jsonl", [new ConfidenceRecord("v", 0, 1, null, 0.9, null), new ConfidenceRecord("v", 1, 2, null, 0.2, null), new ConfidenceRecord("v", 3, 3, null, 0.4, null)]);
        var r = ConfidenceAnalyzer.Analyze(ann, scores, set);
        Assert.Equal(3, r.Answered);
        Assert.Equal(2, r.WithConfidence);
        Assert.Equal(1, r.WithoutConfidence);
        Assert.Equal(1, r.LinesForUnanswered);
        Assert.Equal(2, r.Warnings.Length);
        var verbal = Assert.Single(r.Signals);
        Assert.Equal(ConfidenceSignal.Verbal, verbal.Signal);
        Assert.Equal(2, verbal.Questions);
    }

    [Fact]
    public void TheMetaModelSaysWhyWhenTrainingFoldsHaveOnlyOneOutcome()
    {
        var (ann, scores) = OneTask(4, _ => true);
        var set = new ConfidenceSet("c.jsonl", [.. Enumerable.Range(0, 4).Select(i => new ConfidenceRecord("v", i, i + 1, null, 0.5 + i / 10.0, null))]);
        var r = ConfidenceAnalyzer.Analyze(ann, scores, set, new ConfidenceOptions { Folds = 2 });
        var meta = r.MetaModel!;
        Assert.Equal(2, meta.Tasks.Length); // "Same?" and "Other?"
        Assert.All(meta.Tasks, t => Assert.Null(t.Predicted));
        Assert.All(meta.Tasks, t => Assert.Contains("every training question is right", t.UndefinedReason, StringComparison.Ordinal));
        Assert.Null(meta.MeanAbsoluteError.Value);
        Assert.NotNull(meta.UndefinedReason);
        Assert.Equal(1, meta.TrueOverallAccuracy);
        Assert.Empty(meta.Coefficients); // no model on all tasks either
        Assert.Equal(0.35, meta.NaiveMeanAbsoluteError.Value!.Value, 12); // tasks' mean confidence 0.6 and 0.7, accuracy 1
    }

    [Fact]
    public void TheMetaModelIsUndefinedWithASingleTask()
    {
        var qs = Enumerable.Range(0, 3).Select(i => new McQuestion(i, "Same?", ["a", "b", "c"], 0, null, "descriptive", ["motion"])).ToImmutableArray();
        var ann = new PerceptionAnnotations("ann.json", [new PerceptionVideo("v", new VideoMetadata(null, 30, 300, 10, 10), qs, [])]);
        var scores = McScorer.Score(ann, new AnswerSet("a.json", [new McAnswer("v", 0, 0, "a"), new McAnswer("v", 1, 1, "b"), new McAnswer("v", 2, 0, "a")]));
        var set = new ConfidenceSet("c.jsonl", [.. Enumerable.Range(0, 3).Select(i => new ConfidenceRecord("v", i, i + 1, null, 0.4 + i / 10.0, null))]);
        var meta = ConfidenceAnalyzer.Analyze(ann, scores, set).MetaModel!;
        Assert.Single(meta.Tasks);
        Assert.Contains("at least 2 tasks", meta.UndefinedReason, StringComparison.Ordinal);
        Assert.Null(meta.Tasks[0].Predicted);
        Assert.Equal(Math.Abs(0.5 - 2.0 / 3), meta.Tasks[0].NaiveAbsoluteError, 12);
        // The model on all tasks still fits: constant (standardised to 0) features, the intercept is logit(2/3).
        Assert.Equal(5, meta.Coefficients.Length);
        Assert.All(meta.Coefficients, c => Assert.Equal(0, c, 9));
        Assert.Equal(Math.Log(2), meta.Intercept!.Value, 9);
    }

    [Fact]
    public void OptionsOutOfRangeAndAMissingMetaSignalAreUserErrors()
    {
        var (ann, scores) = OneTask(2, i => i == 0);
        var set = new ConfidenceSet("c.jsonl", [new ConfidenceRecord("v", 0, 1, null, 0.9, null), new ConfidenceRecord("v", 1, 2, null, 0.2, null)]);
        Assert.Throws<UserInputException>(() => ConfidenceAnalyzer.Analyze(ann, scores, set, new ConfidenceOptions { Folds = 1 }));
        Assert.Throws<UserInputException>(() => ConfidenceAnalyzer.Analyze(ann, scores, set, new ConfidenceOptions { Bins = 0 }));
        Assert.Throws<UserInputException>(() => ConfidenceAnalyzer.Analyze(ann, scores, set, new ConfidenceOptions { C = 0 }));
        var ex = Assert.Throws<UserInputException>(() => ConfidenceAnalyzer.Analyze(ann, scores, set, new ConfidenceOptions { MetaSignal = ConfidenceSignal.SampleAgreement }));
        Assert.Contains("SampleAgreement is not in the confidence file", ex.Message, StringComparison.Ordinal);
    }
}
