using System.Text.Json;
using GapLens.Core;
using GapLens.Jobs.VlmBcq;
using GapLens.IO.Logging;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.VlmBcq;

public sealed class VlmBcqJobTests : TempDirTest
{
    private readonly StringWriter _log = new();

    private JobContext Ctx(string cwd) => JobContext.Create(new RunLog(_log, LogLevel.Debug), cwd);

    private static string Edge(params string[] p) => TestData.PathOf(["vlm_bcq", .. p]);

    [Fact]
    public async Task OutputsAreByteIdenticalToThePythonReferenceWithVideosDir()
    {
        string outDir = Dir.Combine("out");
        var outcome = await new VlmBcqJob().RunAsync(new BcqOptions(Edge("edge_predictions.json"), outDir, "/nonexistent-gaplens/videos"), Ctx(Dir.Path), CancellationToken.None);
        Assert.True(outcome.Passed);
        Assert.Equal(File.ReadAllBytes(Edge("expected_videos_dir", "kpi_gaps.jsonl")), File.ReadAllBytes(Path.Combine(outDir, "kpi_gaps.jsonl")));
        Assert.Equal(File.ReadAllBytes(Edge("expected_videos_dir", "kpi_gaps_report.txt")), File.ReadAllBytes(Path.Combine(outDir, "kpi_gaps_report.txt")));
    }

    [Fact]
    public async Task OutputsAreByteIdenticalToThePythonReferenceWithoutVideosDir()
    {
        string outDir = Dir.Combine("out");
        await new VlmBcqJob().RunAsync(new BcqOptions(Edge("edge_predictions.json"), outDir, null), Ctx("/"), CancellationToken.None);
        Assert.Equal(File.ReadAllBytes(Edge("expected_cwd_root", "kpi_gaps.jsonl")), File.ReadAllBytes(Path.Combine(outDir, "kpi_gaps.jsonl")));
        Assert.Equal(File.ReadAllBytes(Edge("expected_cwd_root", "kpi_gaps_report.txt")), File.ReadAllBytes(Path.Combine(outDir, "kpi_gaps_report.txt")));
    }

    [Fact]
    public async Task LogsTheTaoLinesAndOneWarningPerSkippedSample()
    {
        await new VlmBcqJob().RunAsync(new BcqOptions(Edge("edge_predictions.json"), Dir.Combine("out"), null), Ctx("/"), CancellationToken.None);
        string log = _log.ToString();
        Assert.Contains("INFO - videos_dir is empty; assuming video_id in predictions_json are absolute paths.", log, StringComparison.Ordinal);
        Assert.Contains("INFO - Summary: total=14, FP=9, FN=5", log, StringComparison.Ordinal);
        Assert.Contains("WARNING - Skipping sample (video_id='n.mp4'): response has no single clear 'yes' or 'no' (missing, or both present). Response snippet: 'Yes/No'", log, StringComparison.Ordinal);
        Assert.Contains("WARNING - Skipping sample (video_id='o.mp4'): ground truth has no single clear 'yes' or 'no' (missing, or both present). GT snippet: 'unknown'", log, StringComparison.Ordinal);
        Assert.Equal(3, log.Split('\n').Count(l => l.Contains("WARNING - Skipping sample", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task NoGapsMeansNoFilesAndNoResultsDir()
    {
        string preds = Dir.File("p.json", """[{"video_id": "a", "response": "yes", "gt": "yes"}, {"video_id": "b", "response": "maybe", "gt": "no"}]""");
        string outDir = Dir.Combine("never", "created");
        var outcome = await new VlmBcqJob().RunAsync(new BcqOptions(preds, outDir, null), Ctx(Dir.Path), CancellationToken.None);
        Assert.True(outcome.Passed);
        Assert.Empty(outcome.Artifacts);
        Assert.False(Directory.Exists(Dir.Combine("never")));
        Assert.Contains("INFO - No KPI Gaps found!", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingClassifiedIsAFailedGateWithTheSkipCountsAndTheSummaryWritten()
    {
        string preds = Dir.File("p.json", """
            [{"video_id": "a", "response": "maybe", "gt": "yes"}, {"video_id": "b", "response": "Yes/No", "gt": "no"},
             {"video_id": "c", "response": "yes", "gt": "unknown"}, {"video_id": "d", "response": "nothing", "gt": "no"}]
            """);
        string outDir = Dir.Combine("out");
        var outcome = await new VlmBcqJob().RunAsync(new BcqOptions(preds, outDir, null), Ctx(Dir.Path), CancellationToken.None);
        Assert.False(outcome.Passed);
        Assert.Equal(
            "Nothing classified: none of the 4 predictions has a single clear yes/no in both response and ground truth " +
            $"(skipped: response_no_answer=2, response_ambiguous=1, ground_truth_no_answer=1), which is not \"no gaps\"; see {Path.Combine(outDir, "kpi_gaps_summary.json")}",
            outcome.GateMessage);
        Assert.Equal(Path.Combine(outDir, "kpi_gaps_summary.json"), Assert.Single(outcome.Artifacts));
        Assert.DoesNotContain("No KPI Gaps found!", _log.ToString(), StringComparison.Ordinal);
        // No TAO file (an empty kpi_gaps.jsonl would read as "no gaps"); the summary and the run record say why.
        Assert.Equal(["out/gaplens_run.json", "out/index.html", "out/kpi_gaps_summary.json", "p.json"], Dir.ListFiles());
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "kpi_gaps_summary.json")));
        var overall = doc.RootElement.GetProperty("overall");
        Assert.Equal(4, overall.GetProperty("samples").GetInt64());
        Assert.Equal(0, overall.GetProperty("classified").GetInt64());
        Assert.Equal(4, overall.GetProperty("skipped").GetProperty("total").GetInt64());
        Assert.Equal(2, overall.GetProperty("skipped").GetProperty("response_no_answer").GetInt64());
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "gaplens_run.json")));
        Assert.Equal("gate_failed", manifest.RootElement.GetProperty("outcome").GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnEmptyArrayIsNothingClassifiedNotNoGaps()
    {
        string preds = Dir.File("p.json", "[]");
        string outDir = Dir.Combine("out");
        var outcome = await new VlmBcqJob().RunAsync(new BcqOptions(preds, outDir, null), Ctx(Dir.Path), CancellationToken.None);
        Assert.False(outcome.Passed);
        Assert.Equal($"Nothing classified: predictions_json holds no predictions (an empty array), so there are no gaps to find, which is not \"no gaps\"; see {Path.Combine(outDir, "kpi_gaps_summary.json")}",
            outcome.GateMessage);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "kpi_gaps_summary.json")));
        Assert.Equal(0, doc.RootElement.GetProperty("overall").GetProperty("samples").GetInt64());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("overall").GetProperty("metrics").GetProperty("accuracy").GetProperty("value").ValueKind);
    }

    [Fact]
    public async Task NothingClassifiedRemovesAPreviousRunsTaoFiles()
    {
        string outDir = Dir.Combine("out");
        await new VlmBcqJob().RunAsync(new BcqOptions(Edge("edge_predictions.json"), outDir, null), Ctx("/"), CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(outDir, "kpi_gaps.jsonl")));
        string preds = Dir.File("p.json", """[{"video_id": "a", "response": "maybe", "gt": "yes"}]""");
        var outcome = await new VlmBcqJob().RunAsync(new BcqOptions(preds, outDir, null), Ctx(Dir.Path), CancellationToken.None);
        Assert.False(outcome.Passed);
        Assert.Equal(["out/gaplens_run.json", "out/index.html", "out/kpi_gaps_summary.json", "p.json"], Dir.ListFiles());
    }

    [Fact]
    public async Task ValidationFailureWritesNothingAndLogsNoSkipWarnings()
    {
        string preds = Dir.File("p.json", """[{"video_id": "a", "response": "maybe", "gt": "yes"}, {"video_id": "b", "response": "yes", "gt": "no"}, {"video_id": "c"}]""");
        var ex = await Assert.ThrowsAsync<UserInputException>(() => new VlmBcqJob().RunAsync(new BcqOptions(preds, Dir.Combine("out"), null), Ctx(Dir.Path), CancellationToken.None));
        Assert.StartsWith("predictions_json item 2: missing 'gt'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["p.json"], Dir.ListFiles());
        Assert.DoesNotContain("Skipping sample", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SummaryHasTheConfusionMatrixSkipsMetricsAndQuestionsMostErrorsFirst()
    {
        string outDir = Dir.Combine("out");
        await new VlmBcqJob().RunAsync(new BcqOptions(Edge("edge_predictions.json"), outDir, "/v"), Ctx(Dir.Path), CancellationToken.None);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "kpi_gaps_summary.json")));
        var root = doc.RootElement;
        Assert.Equal("gaplens.vlm_bcq.summary/1", root.GetProperty("format").GetString());
        var overall = root.GetProperty("overall");
        Assert.Equal(19, overall.GetProperty("samples").GetInt64());
        var cm = overall.GetProperty("confusion_matrix");
        Assert.Equal((1, 9, 1, 5), (cm.GetProperty("tp").GetInt64(), cm.GetProperty("fp").GetInt64(), cm.GetProperty("tn").GetInt64(), cm.GetProperty("fn").GetInt64()));
        var skipped = overall.GetProperty("skipped");
        Assert.Equal(3, skipped.GetProperty("total").GetInt64());
        Assert.Equal(1, skipped.GetProperty("response_ambiguous").GetInt64());
        Assert.Equal(1, skipped.GetProperty("response_no_answer").GetInt64());
        Assert.Equal(1, skipped.GetProperty("ground_truth_no_answer").GetInt64());
        var precision = overall.GetProperty("metrics").GetProperty("precision");
        Assert.Equal(0.1, precision.GetProperty("value").GetDouble(), 1e-15);
        Assert.Equal(2, precision.GetProperty("ci95").GetArrayLength());
        var first = root.GetProperty("per_question")[0];
        Assert.Equal("Is there a collision?", first.GetProperty("question").GetString());
        Assert.Equal(2, first.GetProperty("errors").GetInt64());
        // Provenance is in the run record, written last beside the outputs.
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(outDir, "gaplens_run.json")));
        var input = manifest.RootElement.GetProperty("inputs")[0];
        Assert.Equal(Edge("edge_predictions.json"), input.GetProperty("path").GetString());
        Assert.Matches("^[0-9a-f]{32}$", input.GetProperty("xxh128").GetString()!);
        var tpOnly = root.GetProperty("per_question").EnumerateArray().Single(q => q.GetProperty("question").ValueKind == JsonValueKind.String && q.GetProperty("question").GetString() == "tn");
        Assert.Equal(JsonValueKind.Null, tpOnly.GetProperty("metrics").GetProperty("precision").GetProperty("value").ValueKind);
        Assert.Equal("no positive predictions (TP + FP = 0)", tpOnly.GetProperty("metrics").GetProperty("precision").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ResultsDirThatIsAFileIsAUserError()
    {
        string preds = Dir.File("p.json", """[{"video_id": "a", "response": "yes", "gt": "no"}]""");
        string file = Dir.File("out", "x");
        var ex = await Assert.ThrowsAsync<UserInputException>(() => new VlmBcqJob().RunAsync(new BcqOptions(preds, file, null), Ctx(Dir.Path), CancellationToken.None));
        Assert.Contains("exists and is a file", ex.Message, StringComparison.Ordinal);
    }
}
