using System.Collections.Immutable;

namespace GapLens.Video.Retrieval;

/// <summary>
/// The best rows for one query, best first (ties: lower row first), and how many rows had no defined
/// cosine similarity (an all-zero row) and were left out of the ranking.
/// </summary>
public sealed record SearchResult(ImmutableArray<ScoredRow> Top, int UndefinedRows);
