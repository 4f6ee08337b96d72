namespace GapLens.IO.Documents;

/// <summary>A feature of slices.json: kind, distinct values, how many are predicates, and how the values were made (the bin edges of a numeric feature).</summary>
public sealed record SliceFeatureDocument(string Name, string Kind, int Values, int Predicates, string Description);
