using GapLens.Testing;

namespace GapLens.Cli.Tests;

public sealed class VcnAoiCliTests : TempDirTest
{
    private static string Case(params string[] p) => TestData.PathOf(["vcn_aoi", .. p]);

    [Fact]
    public void TaoFormWritesTheArtifactsAndLogsTheSpecLines()
    {
        var r = CliRunner.Run(Dir.Path, "gap_analysis", "vcn_aoi", $"inference_results_dir={Case("worked_example", "inference")}",
            $"train_config={Case("worked_example", "train.yaml")}", "results_dir=out", "kpi_media_path=/media");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Execution status: PASS", r.LastStdoutLine);
        Assert.Contains("INFO - Optimal threshold: 0.09999999999999999 (F1=0.6667, Precision=0.5000)", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("INFO - Selected 6 weak samples (18 per-lighting filepaths) from 6 total (threshold=0.09999999999999999, top_k_per_label=50)", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("  PASS: 3 (50.0%) \u2014 3 misclassified, 0 marginal", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("0.09999999999999999", File.ReadAllText(Dir.Combine("out", "threshold.txt")));
        Assert.Equal(File.ReadAllText(Case("worked_example", "expected", "metrics.json")), File.ReadAllText(Dir.Combine("out", "metrics.json")));
    }

    [Fact]
    public void IdiomaticVerbTakesNullTopKAndAPinnedThreshold()
    {
        var r = CliRunner.Run(Dir.Path, "aoi", "--inference-dir", Case("worked_example", "inference"), "--train-config", Case("worked_example", "train.yaml"),
            "--out", "o", "--threshold", "0.5", "--top-k", "null");
        Assert.Equal(0, r.ExitCode);
        Assert.False(File.Exists(Dir.Combine("o", "threshold.txt"))); // pinned: as TAO, no threshold.txt
        Assert.Contains("\"threshold\": 0.5,", File.ReadAllText(Dir.Combine("o", "metrics.json")), StringComparison.Ordinal);
        Assert.StartsWith("Weak samples breakdown by label (threshold=0.5, top_k_per_label=None)\n", File.ReadAllText(Dir.Combine("o", "weak_samples_breakdown.txt")), StringComparison.Ordinal);
    }

    [Fact]
    public void UnreachableKpiExitsOneWithNoTaoArtifact()
    {
        // No defect in the data: no threshold has a defined NO_PASS recall.
        var r = CliRunner.Run(Dir.Path, "gap_analysis", "vcn_aoi", $"inference_results_dir={Case("unreachable_no_defects", "inference")}",
            $"train_config={Case("unreachable_no_defects", "train.yaml")}", "results_dir=out");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("Execution status: FAIL", r.LastStdoutLine);
        Assert.Contains("ERROR - No threshold achieves 100% recall on the NO_PASS class.", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("ERROR - best achievable NO_PASS recall=undefined: no NO_PASS samples", r.Stderr, StringComparison.Ordinal);
        // No defect: recall is undefined, so no precision-recall curve is drawn.
        Assert.Equal(["out/RCA_Report.md", "out/gaplens_run.json", "out/index.html", "out/rca_images/score_histogram.png",
            "out/rca_images/threshold_sweep.png", "out/report.html", "out/report.json", "out/unreachable_kpi.txt"], Dir.ListFiles());
    }

    [Theory]
    [InlineData("top_k_per_label=0", "key 'top_k_per_label' (from command line) must be an integer in [1, 2147483647], or null (keep every misclassified sample), got 0")]
    [InlineData("top_k_per_label=-5", "key 'top_k_per_label' (from command line) must be an integer in [1, 2147483647], or null (keep every misclassified sample), got -5")]
    [InlineData("min_recall=high", "key 'min_recall' (from command line) must be a number, got 'high'")]
    [InlineData("min_recall=1.5", "key 'min_recall' (from command line) must be a number in [0, 1], got 1.5")]
    [InlineData("min_recall=-0.01", "key 'min_recall' (from command line) must be a number in [0, 1], got -0.01")]
    [InlineData("min_recall=nan", "key 'min_recall' (from command line) must be a number in [0, 1], got NaN")]
    [InlineData("threshold=-Infinity", "key 'threshold' (from command line) must be a finite number (negative: sweep for the best threshold), got -Infinity")]
    [InlineData("threshold=", "key 'threshold' (from command line) must be a number, got ''")]
    public void BadOptionsAreUserErrors(string option, string expected)
    {
        var r = CliRunner.Run(Dir.Path, "gap_analysis", "vcn_aoi", $"inference_results_dir={Case("worked_example", "inference")}",
            $"train_config={Case("worked_example", "train.yaml")}", "results_dir=out", option);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(expected, r.StderrLines[^1]);
        Assert.Equal("Execution status: FAIL", r.LastStdoutLine);
        Assert.Empty(Dir.ListFiles());
    }

    [Fact]
    public void RangesHoldForTheFlagsAndTheSpecFileToo()
    {
        var flag = CliRunner.Run(Dir.Path, "aoi", "--inference-dir", Case("worked_example", "inference"), "--train-config", Case("worked_example", "train.yaml"),
            "--out", "o", "--min-recall", "1.5");
        Assert.Equal(2, flag.ExitCode);
        Assert.Equal("key 'min_recall' (from --min-recall) must be a number in [0, 1], got 1.5", flag.StderrLines[^1]);
        string spec = Dir.File("spec.yaml", "top_k_per_label: 0\n");
        var file = CliRunner.Run(Dir.Path, "gap_analysis", "vcn_aoi", "-e", spec, $"inference_results_dir={Case("worked_example", "inference")}",
            $"train_config={Case("worked_example", "train.yaml")}", "results_dir=out");
        Assert.Equal(2, file.ExitCode);
        Assert.StartsWith("key 'top_k_per_label' (from ", file.StderrLines[^1], StringComparison.Ordinal);
        Assert.EndsWith("must be an integer in [1, 2147483647], or null (keep every misclassified sample), got 0", file.StderrLines[^1], StringComparison.Ordinal);
        Assert.Equal(["spec.yaml"], Dir.ListFiles());
    }

    [Fact]
    public void MissingInferenceCsvIsNamed()
    {
        Directory.CreateDirectory(Dir.Combine("empty"));
        var r = CliRunner.Run(Dir.Path, "aoi", "--inference-dir", "empty", "--train-config", Case("worked_example", "train.yaml"), "--out", "o");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"FileNotFoundError: Expected inference CSV at {Dir.Combine("empty", "inference.csv")}", r.StderrLines[^1]);
    }

    [Fact]
    public void ExperimentResultDirGetsATimestampedRcaResultsFolder()
    {
        var r = CliRunner.Run(Dir.Path, "gap_analysis", "vcn_aoi", $"inference_results_dir={Case("worked_example", "inference")}",
            $"train_config={Case("worked_example", "train.yaml")}", "experiment_result_dir=exp");
        Assert.Equal(0, r.ExitCode);
        string run = Assert.Single(Directory.GetDirectories(Dir.Combine("exp", "rca_results")));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}_\d{6}$", Path.GetFileName(run));
        foreach (string f in new[] { "kpi_gaps.parquet", "threshold.txt", "weak_samples_breakdown.txt", "metrics.json", "RCA_Report.md", "report.html" })
        {
            Assert.True(File.Exists(Path.Combine(run, f)), f);
        }
        var missing = CliRunner.Run(Dir.Path, "gap_analysis", "vcn_aoi", $"inference_results_dir={Case("worked_example", "inference")}",
            $"train_config={Case("worked_example", "train.yaml")}");
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("missing required key 'results_dir' (flag --out) for vcn_aoi", missing.StderrLines[^1], StringComparison.Ordinal);
    }
}
