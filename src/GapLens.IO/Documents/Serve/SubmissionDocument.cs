namespace GapLens.IO.Documents.Serve;

/// <summary>One submission of the log as the Review page lists it.</summary>
public sealed record SubmissionDocument(long Id, string Annotator, string Answer, string Comments, string At, string Source, string? TimeSpent, string Blind);
