namespace GapLens.IO.Documents.Serve;

/// <summary>A submission on disk: its log id and time.</summary>
public sealed record SavedDocument(long Id, string At);
