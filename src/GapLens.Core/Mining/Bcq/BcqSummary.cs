using System.Collections.Immutable;

namespace GapLens.Core.Mining.Bcq;

/// <summary>The result of a vlm_bcq pass: the FP/FN cases in input order plus the full picture.</summary>
public sealed record BcqSummary(
    ImmutableArray<BcqCase> Cases,
    BcqGroupStats Overall,
    ImmutableArray<BcqQuestionStats> PerQuestion)
{
    public long FalsePositives => Overall.Confusion.Fp;

    public long FalseNegatives => Overall.Confusion.Fn;
}
