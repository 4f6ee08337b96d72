namespace GapLens.Video.Retrieval;

/// <summary>A matrix row and its cosine similarity to the query.</summary>
public sealed record ScoredRow(int Row, float Score);
