using GapLens.Core;
using GapLens.Core.Config;

namespace GapLens.Jobs.VcnAoi;

/// <summary>Options of <c>gap_analysis vcn_aoi</c>, with TAO's keys and defaults.</summary>
public sealed record AoiOptions(
    string InferenceResultsDir,
    string TrainConfig,
    string KpiMediaPath,
    double Threshold,
    double MinRecall,
    int? TopKPerLabel,
    string ResultsDir) : IJobOptions
{
    public static readonly ConfigSchema Schema = new("vcn_aoi",
    [
        new ConfigKey("inference_results_dir", ConfigKind.String, true, null, "Folder holding Visual ChangeNet's inference.csv.", "--inference-dir"),
        new ConfigKey("train_config", ConfigKind.String, true, null, "The VCN train YAML (dataset.classify.input_map lightings, image_ext).", "--train-config"),
        new ConfigKey("kpi_media_path", ConfigKind.String, false, "", "Root joined before each input_path in kpi_gaps.parquet filepaths.", "--media"),
        new ConfigKey("threshold", ConfigKind.Float, false, -1.0, "Decision threshold (NO_PASS when score > threshold); < 0 sweeps for the best one.", "--threshold",
            ValueRange.Finite("negative: sweep for the best threshold")),
        new ConfigKey("min_recall", ConfigKind.Float, false, 1.0, "Required NO_PASS recall for the sweep (1.0: catch every defect).", "--min-recall",
            ValueRange.Closed(0, 1)),
        new ConfigKey("top_k_per_label", ConfigKind.NullableInt, false, 50L, "Weakest samples kept per label (>= 1), or null for every misclassified sample.", "--top-k",
            ValueRange.Integers(1, int.MaxValue) with { NullMeans = "keep every misclassified sample" }),
        new ConfigKey("results_dir", ConfigKind.String, false, null, "Output folder (created); required unless experiment_result_dir is given.", "--out"),
        new ConfigKey("experiment_result_dir", ConfigKind.String, false, null,
            "Instead of results_dir: write into <dir>/rca_results/YYYY-MM-DD_HHMMSS/ (a new folder per run).", "--experiment-dir"),
    ]);

    public static AoiOptions From(ResolvedConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        long? k = config.GetNullableInt("top_k_per_label"); // in range: checked when the config was resolved
        string? results = config.GetOptionalString("results_dir");
        if (string.IsNullOrWhiteSpace(results))
        {
            string experiment = config.GetOptionalString("experiment_result_dir")
                ?? throw new UserInputException("missing required key 'results_dir' (flag --out) for vcn_aoi: give results_dir=... or experiment_result_dir=... (a timestamped rca_results/ folder is made in it)");
            results = Path.Combine(experiment, "rca_results", DateTime.Now.ToString("yyyy-MM-dd_HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        }
        return new AoiOptions(
            config.GetString("inference_results_dir"),
            config.GetString("train_config"),
            config.GetOptionalString("kpi_media_path") ?? "",
            config.GetDouble("threshold"),
            config.GetDouble("min_recall"),
            (int?)k,
            results);
    }

    public IEnumerable<BoundedValue> Numbers() =>
    [
        Schema.Bound("threshold", Threshold),
        Schema.Bound("min_recall", MinRecall),
        Schema.Bound("top_k_per_label", TopKPerLabel),
    ];

    public IEnumerable<KeyValuePair<string, string?>> Describe() =>
    [
        new("inference_results_dir", InferenceResultsDir),
        new("train_config", TrainConfig),
        new("kpi_media_path", KpiMediaPath),
        new("threshold", GapLens.Core.Text.PyFloat.Repr(Threshold)),
        new("min_recall", GapLens.Core.Text.PyFloat.Repr(MinRecall)),
        new("top_k_per_label", TopKPerLabel?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("results_dir", ResultsDir),
    ];
}
