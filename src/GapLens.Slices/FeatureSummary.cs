namespace GapLens.Slices;

/// <summary>A feature as the search used it: kind, values, how many are predicates (at least the support), how it was encoded.</summary>
public sealed record FeatureSummary(string Name, FeatureKind Kind, int Values, int Predicates, string Description);
