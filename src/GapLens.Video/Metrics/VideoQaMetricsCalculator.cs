using System.Collections.Immutable;
using GapLens.Core.Results;
using GapLens.IO.Documents;

namespace GapLens.Video.Metrics;

/// <summary>
/// Computes every video-QA metric from the results alone (docs/videoqa.md defines each): accuracy
/// over answered and over total with the unanswered rate (overall, per question type counting a
/// question once for each of its types, per video, per duration bucket, per genre), tool use and
/// rounds, tokens and latency percentiles, and retrieval against the reference windows.
/// </summary>
public static class VideoQaMetricsCalculator
{
    private static readonly string[] LvBenchOrder = ["KIR", "EU", "Sum", "ER", "Rea", "TG"];

    public static VideoQaMetrics Compute(IReadOnlyList<VideoQaResultDocument> results, double toleranceSeconds = RetrievalScoring.DefaultToleranceSeconds)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (!double.IsFinite(toleranceSeconds) || toleranceSeconds < 0) throw new ArgumentOutOfRangeException(nameof(toleranceSeconds));
        var overall = Group("all", results);
        var typed = results.SelectMany(r => r.QuestionTypes.Distinct(StringComparer.Ordinal).Select(t => (Type: t, Result: r))).ToList();
        var byType = typed.GroupBy(x => x.Type, StringComparer.Ordinal)
            .Select(g => Group(g.Key, g.Select(x => x.Result)))
            .OrderBy(g => TypeOrder(g.Name)).ThenBy(g => g.Name, StringComparer.Ordinal).ToImmutableArray();
        long withoutType = results.Count(r => r.QuestionTypes.IsDefaultOrEmpty);
        var byVideo = results.GroupBy(r => r.Key, StringComparer.Ordinal).Select(g => Group(g.Key, g)).OrderBy(g => g.Name, StringComparer.Ordinal).ToImmutableArray();
        var byDuration = results.GroupBy(r => DurationBuckets.Of(r.DurationSeconds), StringComparer.Ordinal)
            .Select(g => Group(g.Key, g)).OrderBy(g => DurationBuckets.Labels.IndexOf(g.Name)).ToImmutableArray();
        var byGenre = results.Any(r => r.Genre is not null)
            ? results.GroupBy(r => r.Genre ?? "unknown", StringComparer.Ordinal).Select(g => Group(g.Key, g)).OrderBy(g => g.Name, StringComparer.Ordinal).ToImmutableArray()
            : [];
        var methods = results.GroupBy(r => r.ExtractionMethod ?? "none", StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, long>(g.Key, g.LongCount())).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).ToImmutableArray();

        var perItem = ImmutableDictionary.CreateBuilder<string, ItemRetrieval>(StringComparer.Ordinal);
        foreach (var r in results)
        {
            if (RetrievalScoring.Of(r, toleranceSeconds) is { } ir) perItem[r.ItemId] = ir;
        }
        return new VideoQaMetrics(overall, byType, withoutType, byVideo, byDuration, byGenre, methods,
            Tools(results),
            Distribution.Of([.. results.Where(r => r.Usage?.PromptTokens is not null).Select(r => (double)r.Usage!.PromptTokens!.Value)]),
            Distribution.Of([.. results.Where(r => r.Usage?.CompletionTokens is not null).Select(r => (double)r.Usage!.CompletionTokens!.Value)]),
            Distribution.Of([.. results.Where(r => r.Usage?.TotalTokens is not null).Select(r => (double)r.Usage!.TotalTokens!.Value)]),
            Distribution.Of([.. results.Select(r => r.LatencyMs / 1000)]),
            Distribution.Of([.. results.Select(r => r.ModelMs / 1000)]),
            Retrieval(results, perItem, toleranceSeconds),
            [.. results.Select(r => r.Model).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)])
        {
            PerItemRetrieval = perItem.ToImmutable(),
            Results = [.. results],
        };
    }

    /// <summary>Answered = a letter was read (correct or wrong); correct = it is the gold one.</summary>
    public static AccuracyGroup Group(string name, IEnumerable<VideoQaResultDocument> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        long total = 0, answered = 0, correct = 0;
        foreach (var r in results)
        {
            total++;
            if (r.Outcome is SampleOutcome.Correct or SampleOutcome.Wrong) answered++;
            if (r.Outcome == SampleOutcome.Correct) correct++;
        }
        return new AccuracyGroup(name, total, answered, correct);
    }

    private static int TypeOrder(string type)
    {
        int i = Array.IndexOf(LvBenchOrder, QuestionTypes.ShortName(type));
        return i < 0 ? LvBenchOrder.Length : i;
    }

    private static ToolStats Tools(IReadOnlyList<VideoQaResultDocument> results)
    {
        var calls = results.SelectMany(r => r.ToolCalls).ToList();
        int maxRounds = results.Count == 0 ? 0 : results.Max(r => r.Rounds);
        var byRounds = new long[maxRounds + 1];
        foreach (var r in results) byRounds[Math.Max(0, r.Rounds)]++;
        static bool Error(VideoQaToolCallDocument c) => c.Status != "success";
        return new ToolStats(
            calls.Count,
            calls.Count(c => c.Name == Agent.AgentPrompt.ById),
            calls.Count(c => c.Name == Agent.AgentPrompt.BySimilarity),
            calls.Count(c => c.Name is not Agent.AgentPrompt.ById and not Agent.AgentPrompt.BySimilarity),
            calls.Count(Error),
            calls.Count(c => c.Name == Agent.AgentPrompt.ById && Error(c)),
            calls.Count(c => c.Name == Agent.AgentPrompt.BySimilarity && Error(c)),
            Distribution.Of([.. results.Select(r => (double)r.ToolCalls.Length)]),
            Distribution.Of([.. results.Select(r => (double)r.Rounds)]),
            results.Count(r => r.RoundLimitReached),
            results.Count(r => r.RoundLimitReached && r.Diagnostics.Any(d => d.StartsWith(FinalCalledToolsDiagnostic, StringComparison.Ordinal))),
            [.. byRounds]);
    }

    /// <summary>The diagnostic a result carries when the model called tools even when asked to answer.</summary>
    public const string FinalCalledToolsDiagnostic = "final reply called tools";

    private static RetrievalStats Retrieval(IReadOnlyList<VideoQaResultDocument> results, IDictionary<string, ItemRetrieval> perItem, double tolerance)
    {
        var scored = results.Where(r => perItem.ContainsKey(r.ItemId)).ToList();
        var withFrames = scored.Where(r => perItem[r.ItemId].Frames > 0).ToList();
        var hits = scored.Where(r => perItem[r.ItemId].Hit).ToList();
        var misses = scored.Where(r => !perItem[r.ItemId].Hit).ToList();
        long framesTotal = withFrames.Sum(r => (long)perItem[r.ItemId].Frames);
        long insideTotal = withFrames.Sum(r => (long)perItem[r.ItemId].Inside);
        return new RetrievalStats(
            tolerance,
            scored.Count,
            withFrames.Count,
            withFrames.Count == 0 ? null : withFrames.Average(r => perItem[r.ItemId].InsideShare!.Value),
            Proportion.Of(insideTotal, framesTotal),
            Proportion.Of(hits.Count, scored.Count),
            Distribution.Of([.. hits.Select(r => (double)perItem[r.ItemId].FirstHitRank!.Value)]),
            Distribution.Of([.. hits.Select(r => (double)perItem[r.ItemId].FirstHitRound!.Value)]),
            Group("hit", hits),
            Group("miss", misses),
            hits.Count(r => r.Outcome != SampleOutcome.Correct),
            misses.Count(r => r.Outcome != SampleOutcome.Correct));
    }
}
