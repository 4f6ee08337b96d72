namespace GapLens.IO.Documents.Serve;

/// <summary>A table cell as written, with a tone for badges.</summary>
public sealed record PageCellDocument(string Text, string? Tone);
