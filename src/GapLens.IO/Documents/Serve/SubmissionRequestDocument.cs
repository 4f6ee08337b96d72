namespace GapLens.IO.Documents.Serve;

/// <summary>A score (or "unsure") posted by the Annotate page, or a reviewer's score with a note
/// (<see cref="Comments"/>). Every member may be missing: the server checks them and says what is wrong.</summary>
public sealed record SubmissionRequestDocument(
    string? Item,
    string? Annotator,
    int? Score,
    bool Unsure,
    string? Comments,
    long? TimeSpentMs,
    bool? Blind,
    string? RequestId);
