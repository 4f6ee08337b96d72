using System.Collections.Immutable;
using GapLens.Core.Metrics;

namespace GapLens.Core.Mining.Bcq;

/// <summary>Counts for one group of samples (the whole file, or one distinct question).</summary>
public sealed record BcqGroupStats(
    long Samples,
    BinaryConfusion Confusion,
    ImmutableSortedDictionary<BcqSkipReason, long> Skipped)
{
    public long SkippedTotal => Skipped.Values.Sum();

    public long Errors => Confusion.Fp + Confusion.Fn;
}
