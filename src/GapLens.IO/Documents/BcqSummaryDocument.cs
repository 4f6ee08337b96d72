using System.Collections.Immutable;

namespace GapLens.IO.Documents;

/// <summary>kpi_gaps_summary.json of vlm_bcq (GapLens' addition beside TAO's files): the full
/// confusion matrix, skips by reason, metrics with Wilson intervals, overall and per question (most errors first).</summary>
public sealed record BcqSummaryDocument(Dictionary<string, string> Legend, BcqGroupDocument Overall, ImmutableArray<BcqGroupDocument> PerQuestion)
{
    public string Format { get; init; } = "gaplens.vlm_bcq.summary/1";
}
