using GapLens.Core.Json;
using GapLens.Core.Metrics;
using GapLens.Core.Mining.Bcq;

namespace GapLens.Core.Tests.Mining;

public sealed class BcqGapMinerTests
{
    private static Prediction P(long i, string response, string gt, string question = "q", string video = "v.mp4") =>
        new(i, video, new PyJsonString(response), new PyJsonString(gt), new PyJsonString(question));

    [Fact]
    public void ReturnsFalsePositivesAndFalseNegativesAsEvidenceAndCountsEverything()
    {
        var miner = new BcqGapMiner();
        var evidence = new[]
        {
            miner.Add(P(0, "No.", "yes", video: "a")),   // FN
            miner.Add(P(1, "Yes.", "yes", video: "b")),  // TP
            miner.Add(P(2, "A. Yes", "no", video: "c")), // FP
            miner.Add(P(3, "B. No", "no", video: "d")),  // TN
        };
        var cases = evidence.Where(e => e.Case is not null).Select(e => e.Case!).ToList();
        Assert.Equal(["a", "c"], cases.Select(c => c.VideoId));
        Assert.Equal([BcqErrorType.FN, BcqErrorType.FP], cases.Select(c => c.ErrorType));
        Assert.Equal("A. Yes", cases[1].Response);
        Assert.Equal("no", cases[1].GroundTruth);
        Assert.All(evidence, e => Assert.Null(e.Skip));
        Assert.Equal(default, evidence[1]);
        var s = miner.Finish();
        Assert.Equal(new BinaryConfusion(1, 1, 1, 1), s.Overall.Confusion);
        Assert.Equal(2, s.Gaps);
    }

    [Fact]
    public void AppendingALaterPartEqualsOneMinerReadingBoth()
    {
        var items = Enumerable.Range(0, 40).Select(i => P(i, i % 3 == 0 ? "yes" : i % 3 == 1 ? "no" : "maybe", i % 2 == 0 ? "yes" : "no", $"Q{i % 4}")).ToList();
        var whole = new BcqGapMiner();
        foreach (var p in items) whole.Add(p);
        var first = new BcqGapMiner();
        var second = new BcqGapMiner();
        foreach (var p in items.Take(17)) first.Add(p);
        foreach (var p in items.Skip(17)) second.Add(p with { Index = p.Index - 17 });
        first.Append(second, 17);
        var a = whole.Finish();
        var b = first.Finish();
        Assert.Equal(a.Overall.Confusion, b.Overall.Confusion);
        Assert.Equal(a.Overall.Skipped, b.Overall.Skipped);
        Assert.Equal(a.PerQuestion.Select(q => (q.Question, q.FirstIndex, q.Stats.Confusion, q.Stats.Samples)),
            b.PerQuestion.Select(q => (q.Question, q.FirstIndex, q.Stats.Confusion, q.Stats.Samples)));
    }

    [Fact]
    public void ResponseIsCheckedBeforeGroundTruthAndSkipsCarryTheTaoWarning()
    {
        var miner = new BcqGapMiner();
        var skip = miner.Add(P(0, "maybe", "unclear", video: "clip's.mp4")).Skip;
        Assert.NotNull(skip);
        Assert.Equal(BcqSkipReason.ResponseNoAnswer, skip.Reason);
        Assert.Equal(
            "Skipping sample (video_id=\"clip's.mp4\"): response has no single clear 'yes' or 'no' (missing, or both present). Response snippet: 'maybe'",
            skip.Message);

        var gtSkip = miner.Add(P(1, "yes", "Yes/No", video: "x")).Skip;
        Assert.Equal(BcqSkipReason.GroundTruthAmbiguous, gtSkip!.Reason);
        Assert.Equal(
            "Skipping sample (video_id='x'): ground truth has no single clear 'yes' or 'no' (missing, or both present). GT snippet: 'Yes/No'",
            gtSkip.Message);
        Assert.Equal(0, miner.Finish().Gaps);
    }

    [Fact]
    public void SnippetIsTheFirstEightyCodePointsPlusEllipsis()
    {
        string eighty = string.Concat(Enumerable.Repeat("😀", 80));
        Assert.Equal(eighty, BcqGapMiner.Snippet(eighty));
        Assert.Equal(eighty + "...", BcqGapMiner.Snippet(eighty + "x"));
    }

    [Fact]
    public void NonStringResponseOrTruthIsSkippedNotCrashed()
    {
        var miner = new BcqGapMiner();
        var a = miner.Add(new Prediction(0, "v", new PyJsonNumber("1"), new PyJsonString("yes"), new PyJsonString(""))).Skip;
        var b = miner.Add(new Prediction(1, "v", new PyJsonString("yes"), PyJsonNull.Instance, new PyJsonString(""))).Skip;
        Assert.Equal(BcqSkipReason.ResponseNotString, a!.Reason);
        Assert.Contains("got number", a.Message, StringComparison.Ordinal);
        Assert.Equal(BcqSkipReason.GroundTruthNotString, b!.Reason);
        var s = miner.Finish();
        Assert.Equal(2, s.Overall.SkippedTotal);
        Assert.Equal(0, s.Overall.Confusion.Total);
    }

    [Fact]
    public void GroupsByQuestionValueIncludingNonStringQuestions()
    {
        var miner = new BcqGapMiner();
        miner.Add(P(0, "yes", "no", "Q1"));
        miner.Add(P(1, "no", "no", "Q2"));
        miner.Add(P(2, "no", "yes", "Q1"));
        var obj = PyJsonObject.FromMembers([new("id", new PyJsonNumber("7"))]);
        miner.Add(new Prediction(3, "v", new PyJsonString("yes"), new PyJsonString("yes"), obj));
        miner.Add(new Prediction(4, "v", new PyJsonString("no"), new PyJsonString("yes"), obj));
        var s = miner.Finish();
        Assert.Equal(3, s.PerQuestion.Length);
        var q1 = s.PerQuestion[0];
        Assert.Equal(new PyJsonString("Q1"), q1.Question);
        Assert.Equal(2, q1.Stats.Errors);
        Assert.Equal(0, q1.FirstIndex);
        Assert.Equal(3, s.PerQuestion[2].FirstIndex);
        Assert.Equal(new BinaryConfusion(1, 0, 0, 1), s.PerQuestion[2].Stats.Confusion);
    }
}
