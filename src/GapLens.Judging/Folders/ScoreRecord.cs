namespace GapLens.Judging.Folders;

/// <summary>
/// One per-item score file. <see cref="Score"/> is set only when <see cref="Status"/> is Completed;
/// skipped and failed items are never counted as scores. <see cref="Judge"/> is the identity of the
/// judge that wrote it (null for human scores and for files written by other tools). <see cref="Annotations"/>
/// lists every annotator's latest answer when people scored the item with GapLens (the score is then
/// their lower median); null in files without that key (judges, VMEvalKit's own human scorer).
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
    bool? NeedsReview = null,
    IReadOnlyDictionary<string, string>? Judge = null,
    IReadOnlyList<HumanAnnotation>? Annotations = null);
