namespace GapLens.IO.Documents.Serve;

/// <summary>Why a request was refused, in one line.</summary>
public sealed record ProblemDocument(int Status, string Error);
