using System.Collections.Immutable;

namespace GapLens.Perception.Confidence;

/// <summary>The records of one confidence file, in file order.</summary>
public sealed record ConfidenceSet(string Path, ImmutableArray<ConfidenceRecord> Records);
