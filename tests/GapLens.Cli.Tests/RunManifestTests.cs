using System.Text.Json;
using GapLens.IO.Files;
using GapLens.Testing;
using Json.Schema;

namespace GapLens.Cli.Tests;

/// <summary>Every verb that writes an output folder writes the same run record, valid against
/// docs/run-manifest.schema.json, listing every file it wrote.</summary>
public sealed class RunManifestTests : TempDirTest
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "run-manifest.schema.json")));

    private static string Case(params string[] p) => TestData.PathOf(["vcn_aoi", .. p]);

    internal static JsonElement AssertValid(string manifestPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        var result = Schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        Assert.True(result.IsValid, $"{manifestPath} does not match the schema: " +
            string.Join("; ", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
        return doc.RootElement.Clone();
    }

    [Fact]
    public void EveryVerbWritesTheSameValidManifestListingEveryFileItWrote()
    {
        string preds = TestData.PathOf("vlm_bcq", "edge_predictions.json");
        var runs = new (string Dir, string Verb, string[] Args)[]
        {
            ("bcq_tao", "gap_analysis vlm_bcq", ["gap_analysis", "vlm_bcq", $"predictions_json={preds}", "results_dir=bcq_tao"]),
            ("bcq", "bcq", ["bcq", "--predictions", preds, "--out", "bcq"]),
            ("aoi_tao", "gap_analysis vcn_aoi", ["gap_analysis", "vcn_aoi", $"inference_results_dir={Case("worked_example", "inference")}", $"train_config={Case("worked_example", "train.yaml")}", "results_dir=aoi_tao"]),
            ("aoi", "aoi", ["aoi", "--inference-dir", Case("worked_example", "inference"), "--train-config", Case("worked_example", "train.yaml"), "--out", "aoi"]),
        };
        foreach (var (dir, verb, args) in runs)
        {
            var r = CliRunner.Run(Dir.Path, args);
            Assert.Equal(0, r.ExitCode);
            var m = AssertValid(Dir.Combine(dir, OutputSet.ManifestName));
            Assert.Equal(verb, m.GetProperty("verb").GetString());
            Assert.Equal(args, m.GetProperty("command_line").EnumerateArray().Select(a => a.GetString()!).ToArray());
            Assert.Equal("passed", m.GetProperty("outcome").GetProperty("status").GetString());
            Assert.Empty(OutputSet.Check(Dir.Combine(dir)));
            var listed = m.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("path").GetString()!).Order(StringComparer.Ordinal);
            var written = Directory.EnumerateFiles(Dir.Combine(dir), "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Dir.Combine(dir), f))
                .Where(f => f != OutputSet.ManifestName).Order(StringComparer.Ordinal);
            Assert.Equal(written, listed);
            Assert.All(m.GetProperty("inputs").EnumerateArray(), i => Assert.Matches("^[0-9a-f]{32}$", i.GetProperty("xxh128").GetString()!));
        }
    }

    [Fact]
    public void AGateFailureIsRecordedWithItsExitCode()
    {
        Directory.CreateDirectory(Dir.Combine("inf"));
        File.WriteAllText(Dir.Combine("inf", "inference.csv"), "input_path,object_name,label,siamese_score\na,b,PASS,0.1\na,c,PASS,0.2\n");
        var r = CliRunner.Run(Dir.Path, "aoi", "--inference-dir", "inf", "--train-config", Case("worked_example", "train.yaml"), "--out", "out");
        Assert.Equal(1, r.ExitCode);
        var m = AssertValid(Dir.Combine("out", OutputSet.ManifestName));
        Assert.Equal("gate_failed", m.GetProperty("outcome").GetProperty("status").GetString());
        Assert.Equal(1, m.GetProperty("outcome").GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public void TheDemoRecordsEveryJobItRanJudgeRunsIncluded()
    {
        var r = CliRunner.Run(Dir.Path, "demo", "--out", "demo");
        Assert.Equal(0, r.ExitCode);
        var manifests = Directory.EnumerateFiles(Dir.Combine("demo"), OutputSet.ManifestName, SearchOption.AllDirectories).ToList();
        var verbs = manifests.Select(m => AssertValid(m).GetProperty("verb").GetString()).Order(StringComparer.Ordinal).ToList();
        // slices seven times: on vlm_bcq, vcn_aoi, the three perception jobs, analyze plot and videoqa.
        Assert.Equal(["analyze plot", "analyze stats", "demo", "gap_analysis vcn_aoi", "gap_analysis vlm_bcq", "perception attention", "perception confidence", "perception score",
            "slices", "slices", "slices", "slices", "slices", "slices", "slices", "videoqa metrics"], verbs);
        // videoqa prepare and run record each run in their _runs/ folder (they resume into the same folder).
        foreach (string dir in new[] { "prepared", "run" })
        {
            var record = AssertValid(Directory.EnumerateFiles(Dir.Combine("demo", "videoqa", dir, "_runs")).Single());
            Assert.Equal("passed", record.GetProperty("outcome").GetProperty("status").GetString());
        }
        string report = Dir.Combine("demo", "videoqa", "run", "report", "report.html");
        Assert.Contains("         " + report, r.Stdout, StringComparison.Ordinal);
        // Each slices line names the job whose output it sliced.
        foreach (string job in new[] { "vlm_bcq", "vcn_aoi", "perception score", "perception attention", "perception confidence", "analyze plot", "videoqa" })
        {
            Assert.Contains($"\nslices of {job}: ", r.Stdout, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("\nslices: ", r.Stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(report));
        // The scripted model made real tool calls and got some questions right, some wrong after finding
        // the moment, and left some unanswered after missing it: the metrics have something to tell apart.
        var results = File.ReadAllLines(Dir.Combine("demo", "videoqa", "run", "results.jsonl")).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(12, results.Select(x => x.GetProperty("item_id").GetString()).Distinct().Count());
        Assert.Equal(12, results.Count);
        Assert.All(results, x => Assert.Equal(["get_frames_by_similarity", "get_frames_by_id"], x.GetProperty("tool_calls").EnumerateArray().Select(c => c.GetProperty("name").GetString())));
        var outcomes = results.GroupBy(x => (x.GetProperty("outcome").GetString(), x.GetProperty("metadata").GetProperty("retrieval").GetString())).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(6, outcomes[("correct", "hit")]);
        Assert.Equal(3, outcomes[("wrong", "hit")]);
        Assert.Equal(3, outcomes[("unanswered", "miss")]);
        foreach (string m in manifests) Assert.Empty(OutputSet.Check(Path.GetDirectoryName(m)!));
        string judgeRun = Directory.EnumerateFiles(Dir.Combine("demo", "vmeval", "evaluations", "pixel-eval", "_runs")).Single();
        var judge = AssertValid(judgeRun);
        Assert.Equal("judge", judge.GetProperty("verb").GetString());
        Assert.Equal("pixel", judge.GetProperty("judge").GetProperty("judge").GetString());
        Assert.Equal("passed", judge.GetProperty("outcome").GetProperty("status").GetString());
    }

    [Fact]
    public void TheSchemaRejectsAManifestWithoutItsTool()
    {
        string path = Dir.File("m.json", """{"format": "gaplens.run/1", "verb": "x"}""");
        var ex = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertValid(path));
        Assert.Contains("does not match the schema", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AResultsDirThatCannotBeWrittenIsExitTwoWithOneLine()
    {
        using var ro = new ReadOnlyFolder(Dir.Combine("ro"));
        Assert.True(ro.IsReadOnly, "could not make a read-only folder on this machine");
        string preds = Dir.File("p.json", """[{"video_id": "a", "response": "yes", "gt": "no"}]""");
        var r = CliRunner.Run(Dir.Path, "bcq", "--predictions", preds, "--out", "ro");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"cannot write results_dir {Dir.Combine("ro")}: permission denied. Give a folder you can write to.", r.StderrLines[^1]);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }
}
