namespace GapLens.IO.Documents;

/// <summary>A value of the outcome column, its rows and what it counted as (success, a failure kind, excluded).</summary>
public sealed record SliceOutcomeValueDocument(string Value, long Rows, string Meaning);
