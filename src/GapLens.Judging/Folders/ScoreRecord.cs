namespace GapLens.Judging.Folders;

/// <summary>Outcome of scoring one item.</summary>
public enum ScoreStatus
{
    /// <summary>A score in 1-5.</summary>
    Completed,

    /// <summary>Not scorable (e.g. no ground-truth frame); not a score and not a failure.</summary>
    Skipped,

    /// <summary>The judge failed (no JSON, score out of range, the video unreadable...): the raw reply is kept.</summary>
    Failed,
}

/// <summary>
/// One per-item score file. <see cref="Score"/> is set only when <see cref="Status"/> is Completed;
/// skipped and failed items are never counted as scores.
/// </summary>
public sealed record ScoreRecord(
    string Evaluator,
    string Experiment,
    string Model,
    string TaskType,
    string TaskId,
    ScoreStatus Status,
    int? Score,
    string? Explanation,
    string? Error,
    string? Annotator,
    DateTimeOffset Timestamp,
    string? EvaluationType = "final_frame_comparison",
    string? RawReply = null,
    IReadOnlyList<int>? FrameScores = null,
    double? FrameAgreement = null,
    bool? NeedsReview = null);
