namespace GapLens.Judging.Human;

/// <summary>A submission as a client sends it (raw text, checked by <see cref="InputRules"/> when submitted).</summary>
public sealed record SubmissionInput(
    string ItemId,
    string? Annotator,
    int? Score,
    bool Unsure,
    string? Comments,
    long? TimeSpentMs,
    bool? Blind,
    string Session,
    SubmissionSource Source,
    string? RequestId);
