namespace GapLens.IO.Documents;

/// <summary>A file that could not be read, and why.</summary>
public sealed record FileProblemDocument(string File, string Problem);
