using GapLens.Testing;

namespace GapLens.Cli.Tests;

public sealed class VlmBcqCliTests : TempDirTest
{
    private static string Edge(params string[] p) => TestData.PathOf(["vlm_bcq", .. p]);

    private void AssertSameAsReference(string outDir)
    {
        Assert.Equal(File.ReadAllBytes(Edge("expected_videos_dir", "kpi_gaps.jsonl")), File.ReadAllBytes(Path.Combine(outDir, "kpi_gaps.jsonl")));
        Assert.Equal(File.ReadAllBytes(Edge("expected_videos_dir", "kpi_gaps_report.txt")), File.ReadAllBytes(Path.Combine(outDir, "kpi_gaps_report.txt")));
    }

    [Fact]
    public void TaoFormRunsAndEndsWithPass()
    {
        var r = CliRunner.Run(Dir.Path, "gap_analysis", "vlm_bcq", $"predictions_json={Edge("edge_predictions.json")}",
            "results_dir=out", "videos_dir=/nonexistent-gaplens/videos");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("Execution status: PASS", r.LastStdoutLine);
        Assert.Contains("INFO - Summary: total=14, FP=9, FN=5", r.Stderr, StringComparison.Ordinal);
        AssertSameAsReference(Dir.Combine("out"));
        Assert.Equal(["out/gaplens_run.json", "out/index.html", "out/kpi_gaps.jsonl", "out/kpi_gaps_report.txt", "out/kpi_gaps_summary.json",
            "out/per_question.csv", "out/report.html", "out/report.json", "out/report.md"], Dir.ListFiles());
    }

    [Fact]
    public void IdiomaticVerbWritesTheSameFiles()
    {
        var r = CliRunner.Run(Dir.Path, "bcq", "--predictions", Edge("edge_predictions.json"), "--out", "gaps", "--videos-dir", "/nonexistent-gaplens/videos");
        Assert.Equal(0, r.ExitCode);
        AssertSameAsReference(Dir.Combine("gaps"));
    }

    [Fact]
    public void SpecFileIsReadFirstAndOverridesWin()
    {
        string spec = Dir.File("spec.yaml", $"predictions_json: {Edge("edge_predictions.json")}\nresults_dir: from_spec\nvideos_dir: /elsewhere\n");
        var r = CliRunner.Run(Dir.Path, "gap_analysis", "vlm_bcq", "-e", spec, "videos_dir=/nonexistent-gaplens/videos", "results_dir=from_cli");
        Assert.Equal(0, r.ExitCode);
        AssertSameAsReference(Dir.Combine("from_cli"));
        Assert.False(Directory.Exists(Dir.Combine("from_spec")));
    }

    [Fact]
    public void CfgJobPrintsTheResolvedConfigAndRunsNothing()
    {
        string spec = Dir.File("spec.yaml", "predictions_json: p.json\n");
        var r = CliRunner.Run(Dir.Path, "gap_analysis", "vlm_bcq", "--experiment_spec_file", spec, "results_dir=out", "--cfg=job");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal("predictions_json: p.json\nresults_dir: out\nvideos_dir: ''\n", r.Stdout);
        Assert.Equal(["spec.yaml"], Dir.ListFiles());
    }

    [Fact]
    public void NoGapsExitsZeroWithoutCreatingTheResultsDir()
    {
        string preds = Dir.File("p.json", """[{"video_id": "a", "response": "Yes.", "gt": "yes"}]""");
        var r = CliRunner.Run(Dir.Path, "gap_analysis", "vlm_bcq", $"predictions_json={preds}", "results_dir=out");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("No KPI Gaps found!", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(["p.json"], Dir.ListFiles());
    }

    [Fact]
    public void NothingClassifiedExitsOneWithAnErrorLineAndTheSummary()
    {
        string preds = Dir.File("p.json", """[{"video_id": "a", "response": "maybe", "gt": "yes"}, {"video_id": "b", "response": "yes", "gt": "Yes/No"}]""");
        var r = CliRunner.Run(Dir.Path, "gap_analysis", "vlm_bcq", $"predictions_json={preds}", "results_dir=out");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("Execution status: FAIL", r.LastStdoutLine);
        Assert.DoesNotContain("No KPI Gaps found!", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("ERROR - Nothing classified: none of the 2 predictions has a single clear yes/no in both response and ground truth " +
            "(skipped: response_no_answer=1, ground_truth_ambiguous=1)", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(["out/gaplens_run.json", "out/index.html", "out/kpi_gaps_summary.json", "p.json"], Dir.ListFiles());

        string empty = Dir.File("e.json", "[]");
        var e = CliRunner.Run(Dir.Path, "bcq", "--predictions", empty, "--out", "out2");
        Assert.Equal(1, e.ExitCode);
        Assert.Contains("ERROR - Nothing classified: predictions_json holds no predictions (an empty array)", e.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Dir.Combine("out2", "kpi_gaps_summary.json")));
    }

    [Fact]
    public void OutputDoesNotDependOnTheCulture()
    {
        var env = new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8", ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "0" };
        var r = CliRunner.Run(Dir.Path, env, "bcq", "--predictions", Edge("edge_predictions.json"), "--out", "de", "--videos-dir", "/nonexistent-gaplens/videos");
        Assert.Equal(0, r.ExitCode);
        AssertSameAsReference(Dir.Combine("de"));
        string summary = File.ReadAllText(Dir.Combine("de", "kpi_gaps_summary.json"));
        Assert.Contains("\"value\": 0.1,", summary, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string> MalformedInputs => new()
    {
        { "truncated", "[{\"video_id\": \"a\", \"response\": \"yes\", \"gt\": \"no\"},", "is not valid JSON at line 1: " },
        { "top-level object", "{\"video_id\": \"a\"}", "predictions_json must be a JSON array of prediction objects (got object in " },
        { "item not an object", "[{\"video_id\": \"a\", \"response\": \"yes\", \"gt\": \"no\"}, [1]]", "predictions_json item 1 is not an object (got array at " },
        { "missing gt", "[{\"video_id\": \"a\", \"response\": \"yes\"}]", "predictions_json item 0: missing 'gt' (at " },
        { "missing response", "[{\"video_id\": \"a\", \"gt\": \"yes\"}]", "predictions_json item 0: missing 'response' (at " },
        { "missing video_id", "[{\"response\": \"a\", \"gt\": \"yes\"}]", "predictions_json item 0: missing 'video_id' (at " },
        { "empty file", "", "is empty; expected a JSON array of prediction objects." },
    };

    [Theory]
    [MemberData(nameof(MalformedInputs))]
    public void MalformedInputGivesExitTwoOneLineAndNoFiles(string what, string content, string expected)
    {
        string preds = Dir.File("bad.json", content);
        var r = CliRunner.Run(Dir.Path, "gap_analysis", "vlm_bcq", $"predictions_json={preds}", "results_dir=out");
        Assert.True(r.ExitCode == 2, $"{what}: exit {r.ExitCode}\n{r.Stderr}");
        Assert.Contains(expected, r.StderrLines[^1], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("Execution status: FAIL", r.LastStdoutLine);
        Assert.Equal(["bad.json"], Dir.ListFiles());
    }

    [Fact]
    public void DirectoryMissingFileAndUnreadableFileGiveExitTwo()
    {
        Directory.CreateDirectory(Dir.Combine("adir"));
        foreach (var (path, expected) in new[]
        {
            ("adir", "is a directory; expected a file."),
            ("missing.json", "FileNotFoundError: predictions_json not found: "),
            ("/proc/self/mem", "cannot read predictions_json /proc/self/mem"),
        })
        {
            var r = CliRunner.Run(Dir.Path, "gap_analysis", "vlm_bcq", $"predictions_json={path}", "results_dir=out");
            Assert.Equal(2, r.ExitCode);
            Assert.Contains(expected, r.StderrLines[^1], StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        }
        Assert.False(Directory.Exists(Dir.Combine("out")));
    }
}
