using System.Collections.Immutable;
using GapLens.IO.Documents;

namespace GapLens.Video.Metrics;

/// <summary>Every metric of a video-QA run, recomputed from its results (see <see cref="VideoQaMetricsCalculator"/>).</summary>
public sealed record VideoQaMetrics(
    AccuracyGroup Overall,
    ImmutableArray<AccuracyGroup> ByType,
    long WithoutType,
    ImmutableArray<AccuracyGroup> ByVideo,
    ImmutableArray<AccuracyGroup> ByDuration,
    ImmutableArray<AccuracyGroup> ByGenre,
    ImmutableArray<KeyValuePair<string, long>> ExtractionMethods,
    ToolStats Tools,
    Distribution PromptTokens,
    Distribution CompletionTokens,
    Distribution TotalTokens,
    Distribution LatencySeconds,
    Distribution ModelSeconds,
    RetrievalStats Retrieval,
    ImmutableArray<string> Models)
{
    /// <summary>The per-question retrieval of each result (null: no reference window), by uid.</summary>
    public ImmutableDictionary<string, ItemRetrieval> PerItemRetrieval { get; init; } = ImmutableDictionary<string, ItemRetrieval>.Empty;

    /// <summary>The results the metrics were computed from.</summary>
    public ImmutableArray<VideoQaResultDocument> Results { get; init; } = [];
}
