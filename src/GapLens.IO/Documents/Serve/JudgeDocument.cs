namespace GapLens.IO.Documents.Serve;

/// <summary>A judge's score file on an item as the Review page shows it, raw reply included.</summary>
public sealed record JudgeDocument(
    string Evaluator,
    string Status,
    int? Score,
    string? Explanation,
    string? RawReply,
    string? Error,
    bool? NeedsReview,
    string? FrameScores,
    string At);
