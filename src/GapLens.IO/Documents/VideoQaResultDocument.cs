using System.Collections.Immutable;
using GapLens.Core.Results;

namespace GapLens.IO.Documents;

/// <summary>
/// One line of a video-QA run's results.jsonl: one answered question. It starts with the fields of
/// <see cref="SampleResult"/> (item_id ... diagnostics, so the per-sample readers read it as one) and
/// goes on with everything the metrics and the report are recomputed from: the question and its
/// labels, the video's length and frame rate, every tool call with the frames it returned (by id and
/// frame number, never image data), the whole conversation, token usage, latency and rounds.
/// </summary>
public sealed record VideoQaResultDocument
{
    public const string CurrentFormat = "gaplens.videoqa.result/1";

    /// <summary>The question's uid.</summary>
    public required string ItemId { get; init; }

    public required SampleOutcome Outcome { get; init; }

    /// <summary>The final reply's text as the model wrote it (null when it wrote none).</summary>
    public string? RawOutput { get; init; }

    public string? ExtractedAnswer { get; init; }

    public string? ExtractionMethod { get; init; }

    /// <summary>The gold letter.</summary>
    public string? Expected { get; init; }

    /// <summary>1 correct, 0 wrong, null unanswered.</summary>
    public double? Score { get; init; }

    /// <summary>Features for failure slices: key, question_type (types joined by '|'), duration_bucket,
    /// genre, retrieval (hit, miss or n/a at the run's default tolerance).</summary>
    public ImmutableSortedDictionary<string, string> Metadata { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    public ImmutableArray<string> Diagnostics { get; init; } = [];

    public string Format { get; init; } = CurrentFormat;

    public required string Key { get; init; }

    public required string Question { get; init; }

    /// <summary>The option letters read from the question.</summary>
    public ImmutableArray<string> Options { get; init; } = [];

    public ImmutableArray<string> QuestionTypes { get; init; } = [];

    public string? TimeReference { get; init; }

    /// <summary>The reference window in seconds (null when there is none or it could not be read).</summary>
    public double? ReferenceStart { get; init; }

    public double? ReferenceEnd { get; init; }

    /// <summary>The video's length in seconds (from the data, else frames / fps).</summary>
    public double? DurationSeconds { get; init; }

    public string? Genre { get; init; }

    /// <summary>Frames per second the frames were sampled at: frame_&lt;N&gt; shows t = N / fps.</summary>
    public required double Fps { get; init; }

    /// <summary>The video's frame folder (where the report finds the frames it shows).</summary>
    public string? FramesDir { get; init; }

    /// <summary>Frames of the video the model could ask for (ids 1..total).</summary>
    public required int TotalFrames { get; init; }

    /// <summary>Model replies that called tools.</summary>
    public int Rounds { get; init; }

    /// <summary>True when the model was still calling tools after the last allowed round and was asked to answer.</summary>
    public bool RoundLimitReached { get; init; }

    public int ModelCalls { get; init; }

    public ImmutableArray<VideoQaToolCallDocument> ToolCalls { get; init; } = [];

    public ImmutableArray<VideoQaMessageDocument> Conversation { get; init; } = [];

    /// <summary>Summed over the item's model calls; null when the endpoint reported none.</summary>
    public VideoQaUsageDocument? Usage { get; init; }

    /// <summary>Wall time of the whole item.</summary>
    public double LatencyMs { get; init; }

    /// <summary>Time spent waiting for the model (all calls, retries included).</summary>
    public double ModelMs { get; init; }

    /// <summary>Time spent answering tool calls (retrieval, reading and encoding frames).</summary>
    public double ToolMs { get; init; }

    public required string Model { get; init; }

    /// <summary>A hash of everything that shapes an answer (model, prompt template, rounds, top-k,
    /// image size, text encoder): a rerun resumes only results with the same one.</summary>
    public required string Agent { get; init; }

    public DateTimeOffset StartedUtc { get; init; }

    public DateTimeOffset FinishedUtc { get; init; }

    /// <summary>The run (its start time) that produced the line.</summary>
    public string? RunId { get; init; }
}
