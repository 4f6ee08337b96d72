namespace GapLens.Judging.Human;

/// <summary>A submission as the store holds it, and whether this append wrote it (false: its request
/// id was already there, so this is the earlier record of a retried request).</summary>
public sealed record StoredSubmission(HumanSubmission Submission, bool IsNew);
