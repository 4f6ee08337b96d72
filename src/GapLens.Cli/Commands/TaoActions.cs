using GapLens.Jobs.VcnAoi;
using GapLens.Jobs.VlmBcq;

namespace GapLens.Cli.Commands;

/// <summary>The gap-analysis actions this build offers, by TAO name.</summary>
internal static class TaoActions
{
    public static readonly IReadOnlyList<TaoAction> All =
    [
        TaoAction.Of("vlm_bcq", "binary yes/no VLM predictions -> FP/FN cases (kpi_gaps.jsonl, kpi_gaps_report.txt)",
            BcqOptions.Schema, new VlmBcqJob(), BcqOptions.From),
        TaoAction.Of("vcn_aoi", "Visual ChangeNet scores -> operating threshold under a recall target, weakest samples per label (kpi_gaps.parquet, threshold.txt)",
            AoiOptions.Schema, new VcnAoiJob(), AoiOptions.From),
    ];

    public static TaoAction? Find(string name) => All.FirstOrDefault(a => a.Name == name);
}
