using System.Collections.Immutable;

namespace GapLens.Core.Mining.Bcq;

/// <summary>The counts of a vlm_bcq pass, overall and per question (the cases themselves are streamed).</summary>
public sealed record BcqSummary(
    BcqGroupStats Overall,
    ImmutableArray<BcqQuestionStats> PerQuestion)
{
    public long FalsePositives => Overall.Confusion.Fp;

    public long FalseNegatives => Overall.Confusion.Fn;

    public long Gaps => FalsePositives + FalseNegatives;
}
