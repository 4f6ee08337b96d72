namespace GapLens.Slices;

/// <summary>A slice kept by a ranking while the search runs: its predicates, samples per class, test and ranking key.</summary>
internal sealed record SliceCandidate(Predicate[] Predicates, long[] Counts, double PValue, string Test, double Key);
