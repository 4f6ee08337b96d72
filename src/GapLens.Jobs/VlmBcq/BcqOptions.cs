using GapLens.Core.Config;

namespace GapLens.Jobs.VlmBcq;

/// <summary>Options of <c>gap_analysis vlm_bcq</c>; <see cref="Schema"/> lists them as TAO's spec does.</summary>
public sealed record BcqOptions(string PredictionsJson, string ResultsDir, string? VideosDir) : IJobOptions
{
    public static readonly ConfigSchema Schema = new("vlm_bcq",
    [
        new ConfigKey("predictions_json", ConfigKind.String, true, null,
            "JSON array of {video_id, response, gt[, question]} objects.", "--predictions"),
        new ConfigKey("results_dir", ConfigKind.String, true, null,
            "Folder for kpi_gaps.jsonl, kpi_gaps_report.txt and kpi_gaps_summary.json (created only when gaps exist).", "--out"),
        new ConfigKey("videos_dir", ConfigKind.String, false, "",
            "Base folder for relative video_id values; empty means video_id is used as given.", "--videos-dir"),
    ]);

    public static BcqOptions From(ResolvedConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        string? videos = config.GetOptionalString("videos_dir");
        return new BcqOptions(
            config.GetString("predictions_json"),
            config.GetString("results_dir"),
            string.IsNullOrWhiteSpace(videos) ? null : videos);
    }

    /// <summary>No numeric option.</summary>
    public IEnumerable<BoundedValue> Numbers() => [];

    public IEnumerable<KeyValuePair<string, string?>> Describe() =>
    [
        new("predictions_json", PredictionsJson),
        new("results_dir", ResultsDir),
        new("videos_dir", VideosDir),
    ];
}
