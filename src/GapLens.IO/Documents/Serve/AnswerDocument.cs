namespace GapLens.IO.Documents.Serve;

/// <summary>An annotator's own latest answer on an item (shown when they go back to it).</summary>
public sealed record AnswerDocument(int? Score, bool Unsure, string Comments, string At);
