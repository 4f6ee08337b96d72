using System.Text.Json;
using GapLens.Core.Results;
using GapLens.IO.Documents;
using GapLens.IO.VideoQa;
using GapLens.Testing;
using GapLens.Video.Metrics;

namespace GapLens.Video.Tests.Metrics;

/// <summary>Every video-QA metric against an independent Python computation (numpy, statsmodels'
/// Wilson interval, LVBench's multi-label per-type counting) on a synthetic results file:
/// tests/TestData/videoqa_metrics/make_metrics_fixture.py.</summary>
public sealed class VideoQaMetricsReferenceTests
{
    private const double Tol = 1e-12;

    private static readonly JsonElement Expected = TestData.Json("videoqa_metrics", "expected.json");

    private static readonly VideoQaMetrics M = VideoQaMetricsCalculator.Compute(
        VideoQaResultsFile.ReadResults(TestData.PathOf("videoqa_metrics", "results.jsonl")).Results, Expected.GetProperty("tolerance").GetDouble());

    private static void AssertGroup(JsonElement e, AccuracyGroup g)
    {
        Assert.Equal(e.GetProperty("name").GetString(), g.Name);
        Assert.Equal((e.GetProperty("total").GetInt64(), e.GetProperty("answered").GetInt64(), e.GetProperty("correct").GetInt64()), (g.Total, g.Answered, g.Correct));
        AssertRate(e, "over_answered", g.OverAnswered);
        AssertRate(e, "over_total", g.OverTotal);
        AssertRate(e, "unanswered", g.Unanswered);
    }

    private static void AssertRate(JsonElement e, string name, Proportion p)
    {
        var v = e.GetProperty(name);
        if (v.ValueKind == JsonValueKind.Null)
        {
            Assert.Null(p.Value);
            return;
        }
        Assert.Equal(v.GetDouble(), p.Value!.Value, Tol);
        var ci = e.GetProperty(name + "_ci");
        Assert.Equal(ci[0].GetDouble(), p.Interval!.Lower, 1e-12);
        Assert.Equal(ci[1].GetDouble(), p.Interval!.Upper, 1e-12);
    }

    [Fact]
    public void OverallAccuracyOverAnsweredAndOverAllWithWilsonIntervalsMatchPython() => AssertGroup(Expected.GetProperty("overall"), M.Overall);

    [Fact]
    public void PerTypeCountsAreMultiLabelAndMatchLvbenchsComputeAccuracy()
    {
        var e = Expected.GetProperty("by_type").EnumerateArray().ToList();
        Assert.Equal(e.Count, M.ByType.Length);
        for (int i = 0; i < e.Count; i++) AssertGroup(e[i], M.ByType[i]);
        foreach (var t in Expected.GetProperty("lvbench_type_accuracy").EnumerateObject())
        {
            Assert.Equal(t.Value.GetDouble(), M.ByType.Single(g => g.Name == t.Name).OverAnswered.Value!.Value, Tol);
        }
        Assert.Equal(Expected.GetProperty("without_type").GetInt64(), M.WithoutType);
        Assert.True(M.ByType.Sum(g => g.Total) > M.Overall.Total - M.WithoutType, "a question with several types counts for each");
    }

    [Fact]
    public void PerVideoDurationBucketAndGenreMatchPython()
    {
        var videos = Expected.GetProperty("by_video").EnumerateArray().ToList();
        Assert.Equal(videos.Count, M.ByVideo.Length);
        for (int i = 0; i < videos.Count; i++) AssertGroup(videos[i], M.ByVideo[i]);
        var buckets = Expected.GetProperty("by_duration").EnumerateObject().ToList();
        Assert.Equal(buckets.Count, M.ByDuration.Length);
        foreach (var b in buckets) AssertGroup(b.Value, M.ByDuration.Single(g => g.Name == b.Name));
        Assert.Equal(["<10 min", "10-30 min", "unknown"], M.ByDuration.Select(g => g.Name));
        foreach (var g in Expected.GetProperty("by_genre").EnumerateObject()) AssertGroup(g.Value, M.ByGenre.Single(x => x.Name == g.Name));
    }

    [Fact]
    public void RetrievalScoringMatchesPython()
    {
        var e = Expected.GetProperty("retrieval");
        var r = M.Retrieval;
        Assert.Equal(e.GetProperty("scored").GetInt64(), r.Scored);
        Assert.Equal(e.GetProperty("with_frames").GetInt64(), r.WithFrames);
        Assert.Equal(e.GetProperty("mean_inside_share").GetDouble(), r.MeanInsideShare!.Value, Tol);
        Assert.Equal((e.GetProperty("pooled_inside")[0].GetInt64(), e.GetProperty("pooled_inside")[1].GetInt64()), (r.PooledInside.Successes, r.PooledInside.Trials));
        Assert.Equal(e.GetProperty("pooled_inside_ci")[0].GetDouble(), r.PooledInside.Interval!.Lower, 1e-12);
        Assert.Equal(e.GetProperty("hits").GetInt64(), r.HitRate.Successes);
        Assert.Equal(e.GetProperty("hit_rate_ci")[1].GetDouble(), r.HitRate.Interval!.Upper, 1e-12);
        Assert.Equal(e.GetProperty("first_hit_rank_median").GetDouble(), r.FirstHitRank.P50!.Value, Tol);
        Assert.Equal(e.GetProperty("first_hit_round_mean").GetDouble(), r.FirstHitRound.Mean!.Value, Tol);
        AssertGroup(e.GetProperty("when_hit"), r.WhenHit);
        AssertGroup(e.GetProperty("when_missed"), r.WhenMissed);
        Assert.Equal((e.GetProperty("wrong_after_hit").GetInt64(), e.GetProperty("wrong_after_miss").GetInt64()), (r.WrongAfterHit, r.WrongAfterMiss));
    }

    [Fact]
    public void ToolCountsLatencyAndTokenPercentilesMatchNumpy()
    {
        var t = Expected.GetProperty("tools");
        Assert.Equal((t.GetProperty("calls").GetInt64(), t.GetProperty("by_id").GetInt64(), t.GetProperty("by_similarity").GetInt64(), t.GetProperty("errors").GetInt64()),
            (M.Tools.Calls, M.Tools.ByIdCalls, M.Tools.BySimilarityCalls, M.Tools.ErrorCalls));
        Assert.Equal(t.GetProperty("rounds_mean").GetDouble(), M.Tools.RoundsPerItem.Mean!.Value, Tol);
        var l = Expected.GetProperty("latency_seconds");
        Assert.Equal(l.GetProperty("p50").GetDouble(), M.LatencySeconds.P50!.Value, 1e-9);
        Assert.Equal(l.GetProperty("p90").GetDouble(), M.LatencySeconds.P90!.Value, 1e-9);
        Assert.Equal(l.GetProperty("p99").GetDouble(), M.LatencySeconds.P99!.Value, 1e-9);
        Assert.Equal(l.GetProperty("mean").GetDouble(), M.LatencySeconds.Mean!.Value, 1e-9);
        var p = Expected.GetProperty("prompt_tokens");
        Assert.Equal(p.GetProperty("p95").GetDouble(), M.PromptTokens.P95!.Value, 1e-9);
        Assert.Equal(p.GetProperty("sum").GetDouble(), M.PromptTokens.Sum);
        Assert.Equal(0, M.TotalTokens.Count); // the endpoint reported no totals: left out, not zeros
        Assert.Null(M.TotalTokens.P50);
    }

    [Fact]
    public void NoResultsGiveUndefinedRatesNotZeros()
    {
        var m = VideoQaMetricsCalculator.Compute([]);
        Assert.Equal((0L, 0L, 0L), (m.Overall.Total, m.Overall.Answered, m.Overall.Correct));
        Assert.Null(m.Overall.OverAnswered.Value);
        Assert.Null(m.Overall.OverAnswered.Interval);
        Assert.Null(m.Overall.OverTotal.Value);
        Assert.Empty(m.ByType);
        Assert.Equal(0, m.Retrieval.Scored);
        Assert.Null(m.Retrieval.HitRate.Value);
        Assert.Null(m.Retrieval.MeanInsideShare);
        Assert.Null(m.LatencySeconds.P50);
    }

    [Fact]
    public void OneUnansweredQuestionIsUndefinedOverAnsweredAndZeroOverAll()
    {
        var r = new VideoQaResultDocument
        {
            ItemId = "u", Outcome = SampleOutcome.Unanswered, Key = "k", Question = "q", Fps = 1, TotalFrames = 10, Model = "m", Agent = "a",
            ReferenceStart = 3, ReferenceEnd = 4,
        };
        var m = VideoQaMetricsCalculator.Compute([r]);
        Assert.Null(m.Overall.OverAnswered.Value);
        Assert.Equal(0.0, m.Overall.OverTotal.Value);
        Assert.Equal(1.0, m.Overall.Unanswered.Value);
        Assert.Equal(1, m.Retrieval.Scored);
        Assert.Equal(0, m.Retrieval.WithFrames);
        Assert.Equal(0.0, m.Retrieval.HitRate.Value); // retrieving nothing is a miss
        Assert.Equal(1, m.Retrieval.WrongAfterMiss);
    }

    [Fact]
    public void AFrameJustOutsideTheToleranceIsAMissAndOneOnItsEdgeIsAHit()
    {
        VideoQaResultDocument At(long number) => new()
        {
            ItemId = "u" + number, Outcome = SampleOutcome.Correct, Key = "k", Question = "q", Fps = 2, TotalFrames = 400, Model = "m", Agent = "a",
            ReferenceStart = 100, ReferenceEnd = 110,
            ToolCalls = [new VideoQaToolCallDocument(1, "c", "get_frames_by_id", "{}", "success", null, null, [], [new VideoQaFrameDocument((int)number + 1, number)], [], 1)],
        };
        // t = N / 2: 190 -> 95 s (edge of 100 - 5), 189 -> 94.5 s, 230 -> 115 s (edge of 110 + 5), 231 -> 115.5 s.
        Assert.True(RetrievalScoring.Of(At(190), 5)!.Hit);
        Assert.False(RetrievalScoring.Of(At(189), 5)!.Hit);
        Assert.True(RetrievalScoring.Of(At(230), 5)!.Hit);
        Assert.False(RetrievalScoring.Of(At(231), 5)!.Hit);
        Assert.Equal(0, RetrievalScoring.Of(At(190), 5)!.Inside);
        Assert.Equal(1, RetrievalScoring.Of(At(210), 5)!.Inside);
    }
}
