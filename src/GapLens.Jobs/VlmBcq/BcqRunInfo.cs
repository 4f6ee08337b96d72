using System.Collections.Immutable;

namespace GapLens.Jobs.VlmBcq;

/// <summary>Provenance recorded in the summary: tool version, options, and the input's size and fingerprint.</summary>
public sealed record BcqRunInfo(
    string ToolVersion,
    DateTimeOffset StartedUtc,
    ImmutableSortedDictionary<string, string?> Options,
    string InputPath,
    long InputBytes,
    string InputHashAlgorithm,
    string InputHash);
