using GapLens.Jobs.VcnAoi;
using GapLens.Jobs.VlmBcq;

namespace GapLens.Cli.Commands;

/// <summary>The gap-analysis actions this build offers, by TAO name.</summary>
internal static class TaoActions
{
    public static readonly IReadOnlyList<TaoAction> All =
    [
        new("vlm_bcq", "binary yes/no VLM predictions -> FP/FN cases (kpi_gaps.jsonl, kpi_gaps_report.txt)",
            BcqOptions.Schema, (cfg, ctx) => VlmBcqJob.Run(BcqOptions.From(cfg), ctx)),
        new("vcn_aoi", "Visual ChangeNet scores -> operating threshold under a recall target, weakest samples per label (kpi_gaps.parquet, threshold.txt)",
            AoiOptions.Schema, (cfg, ctx) => VcnAoiJob.Run(AoiOptions.From(cfg), ctx)),
    ];

    public static TaoAction? Find(string name) => All.FirstOrDefault(a => a.Name == name);
}
