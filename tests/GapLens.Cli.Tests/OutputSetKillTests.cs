using System.Text.Json;
using GapLens.IO.Files;
using GapLens.Testing;

namespace GapLens.Cli.Tests;

/// <summary>
/// The real program killed at every step of committing its outputs (the test hook
/// GAPLENS_TEST_CRASH_AT_COMMIT_STEP makes it die there as if killed: 1 before anything is touched, 2
/// after the previous set is retired, 3.N before the N-th rename, 4 before the run record is written).
/// After each kill the folder holds the previous complete set or no run record at all; a rerun then
/// leaves a complete set with no stale file and no temporary. And reruns that end differently
/// (unreachable KPI after a reachable one and back, vlm_bcq without gaps after gaps) leave nothing
/// of the previous run behind.
/// </summary>
public sealed class OutputSetKillTests : TempDirTest
{
    private const string CrashVariable = "GAPLENS_TEST_CRASH_AT_COMMIT_STEP";

    private string Inference(string name, string rows)
    {
        Directory.CreateDirectory(Dir.Combine(name));
        File.WriteAllText(Dir.Combine(name, "inference.csv"), "input_path,object_name,label,siamese_score\n" + rows);
        return Dir.Combine(name);
    }

    private string[] Aoi(string inference, string output, params string[] extra)
    {
        if (!File.Exists(Dir.Combine("train.yaml"))) File.WriteAllText(Dir.Combine("train.yaml"), "dataset:\n  classify:\n    input_map: {top: 0, side: 1}\n    image_ext: .png\n");
        return ["gap_analysis", "vcn_aoi", $"inference_results_dir={inference}", $"train_config={Dir.Combine("train.yaml")}", $"results_dir={output}", .. extra];
    }

    private string Reachable => Inference("reachable", "b1,C1,PASS,.1\nb1,C2,PASS,.2\nb2,C3,NO_PASS,.8\nb2,C4,NO_PASS,.9\nb3,C5,NO_PASS,.1\nb3,C6,PASS,.9\n");

    // No NO_PASS sample: no threshold can reach the recall target (min_recall above 1 is now a range error).
    private string NoDefects => Inference("nodefects", "b1,C1,PASS,.1\nb1,C2,PASS,.2\nb2,C3,PASS,.8\n");

    private string Other => Inference("other", "x1,D1,PASS,.3\nx1,D2,NO_PASS,.7\nx2,D3,MISSING,.6\nx2,D4,PASS,.65\nx3,D5,PASS,.05\n");

    /// <summary>Every file of a folder, relative, with its bytes.</summary>
    private static Dictionary<string, byte[]> Snapshot(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllBytes, StringComparer.Ordinal);

    private static void CopyTree(string from, string to)
    {
        foreach (string f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }

    /// <summary>A complete set with nothing else: the files its record lists, the record, no temporary.</summary>
    private static void AssertExactlyTheSet(string dir)
    {
        Assert.Empty(OutputSet.Check(dir));
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, OutputSet.ManifestName)));
        var listed = doc.RootElement.GetProperty("outputs").EnumerateArray().Select(o => o.GetProperty("path").GetString()!).Append(OutputSet.ManifestName).Order(StringComparer.Ordinal);
        var present = Directory.EnumerateFiles(dir, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(dir, f)).Order(StringComparer.Ordinal);
        Assert.Equal(listed, present);
    }

    /// <summary>The commit steps of a run that stages <paramref name="files"/> files.</summary>
    private static IEnumerable<string> Steps(int files) => ["1", "2", .. Enumerable.Range(1, files).Select(i => $"3.{i}"), "4"];

    private void KillAtEveryStep(string[] previousRun, string[] newRun, Func<string, string[]> newRunInto, bool onlySomeSteps = false)
    {
        // The previous complete set, and what a clean run of the new one writes.
        Assert.InRange(CliRunner.Run(Dir.Path, previousRun).ExitCode, 0, 1);
        var previous = Snapshot(Dir.Combine("prev"));
        Assert.InRange(CliRunner.Run(Dir.Path, newRun).ExitCode, 0, 1);
        AssertExactlyTheSet(Dir.Combine("clean"));
        var clean = Snapshot(Dir.Combine("clean"));
        int staged = clean.Count - 1;
        var steps = Steps(staged).ToList();
        if (onlySomeSteps) steps = ["2", $"3.{staged}", "4"];
        foreach (string step in steps)
        {
            string dir = Dir.Combine("kill_" + step);
            CopyTree(Dir.Combine("prev"), dir);
            var killed = CliRunner.Run(Dir.Path, new Dictionary<string, string> { [CrashVariable] = step }, newRunInto(dir));
            Assert.True(killed.ExitCode is not (0 or 1 or 2 or 3), $"step {step}: the process was not killed (exit {killed.ExitCode})");
            Assert.Contains($"test crash at commit step {step}", killed.Stderr, StringComparison.Ordinal);
            if (File.Exists(Path.Combine(dir, OutputSet.ManifestName)))
            {
                // Only before anything was touched: the previous set, whole.
                Assert.Equal("1", step);
                Assert.Empty(OutputSet.Check(dir));
                var now = Snapshot(dir).Where(kv => !AtomicFile.IsTempName(Path.GetFileName(kv.Key))).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
                Assert.Equal(previous.Keys.Order(StringComparer.Ordinal), now.Keys.Order(StringComparer.Ordinal));
                Assert.All(previous, kv => Assert.Equal(kv.Value, now[kv.Key]));
            }
            else
            {
                Assert.NotEqual("1", step);
                Assert.NotEmpty(OutputSet.Check(dir));
            }

            var rerun = CliRunner.Run(Dir.Path, newRunInto(dir));
            Assert.InRange(rerun.ExitCode, 0, 1);
            AssertExactlyTheSet(dir);
            var after = Snapshot(dir);
            Assert.Equal(clean.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, bytes) in clean)
            {
                // The TAO artifacts are byte-identical to a clean run; reports carry their time.
                if (name is "kpi_gaps.parquet" or "threshold.txt" or "weak_samples_breakdown.txt" or "metrics.json" or "unreachable_kpi.txt" or "kpi_gaps.jsonl" or "kpi_gaps_report.txt")
                {
                    Assert.True(bytes.AsSpan().SequenceEqual(after[name]), $"step {step}: {name} differs from a clean run's");
                }
            }
        }
    }

    [Fact]
    public void AVcnAoiRunKilledAtEveryCommitStepLeavesThePreviousSetOrNoRecordAndARerunCompletesIt() =>
        KillAtEveryStep(Aoi(Reachable, "prev"), Aoi(Other, "clean"), dir => Aoi(Other, dir));

    [Fact]
    public void AnUnreachableRunKilledOverAReachableSetAndTheReverse()
    {
        KillAtEveryStep(Aoi(Reachable, "prev"), Aoi(NoDefects, "clean"), dir => Aoi(NoDefects, dir), onlySomeSteps: true);
        foreach (string d in Directory.GetDirectories(Dir.Path).Where(d => Path.GetFileName(d) is "prev" or "clean" || Path.GetFileName(d).StartsWith("kill_", StringComparison.Ordinal))) Directory.Delete(d, true);
        KillAtEveryStep(Aoi(NoDefects, "prev"), Aoi(Other, "clean"), dir => Aoi(Other, dir), onlySomeSteps: true);
    }

    [Fact]
    public void AVlmBcqRunKilledAtEveryCommitStep()
    {
        string a = Dir.File("a.json", """[{"video_id": "a", "response": "yes", "gt": "no"}, {"video_id": "b", "response": "no", "gt": "yes"}]""");
        string b = Dir.File("b.json", """[{"video_id": "c", "response": "yes", "gt": "no", "question": "q"}]""");
        KillAtEveryStep(["bcq", "--predictions", a, "--out", "prev"], ["bcq", "--predictions", b, "--out", "clean"], dir => ["bcq", "--predictions", b, "--out", dir]);
    }

    [Fact]
    public void AnUnreachableRerunRemovesTheReachableArtifactsAndTheReverse()
    {
        string[] reachable = Aoi(Reachable, "out");
        string[] unreachable = Aoi(NoDefects, "out");
        Assert.Equal(0, CliRunner.Run(Dir.Path, reachable).ExitCode);
        Assert.True(File.Exists(Dir.Combine("out", "threshold.txt")));
        Assert.Equal(1, CliRunner.Run(Dir.Path, unreachable).ExitCode);
        AssertExactlyTheSet(Dir.Combine("out"));
        foreach (string stale in new[] { "threshold.txt", "metrics.json", "kpi_gaps.parquet", "weak_samples_breakdown.txt" }) Assert.False(File.Exists(Dir.Combine("out", stale)), stale);
        Assert.True(File.Exists(Dir.Combine("out", "unreachable_kpi.txt")));
        Assert.Equal(0, CliRunner.Run(Dir.Path, reachable).ExitCode);
        AssertExactlyTheSet(Dir.Combine("out"));
        Assert.False(File.Exists(Dir.Combine("out", "unreachable_kpi.txt")));
        Assert.True(File.Exists(Dir.Combine("out", "threshold.txt")));
    }

    [Fact]
    public void AVlmBcqRerunWithoutGapsRemovesThePreviousGapsAndKeepsTheUsersFiles()
    {
        string gaps = Dir.File("gaps.json", """[{"video_id": "a", "response": "yes", "gt": "no"}]""");
        string none = Dir.File("none.json", """[{"video_id": "a", "response": "yes", "gt": "yes"}]""");
        Assert.Equal(0, CliRunner.Run(Dir.Path, "gap_analysis", "vlm_bcq", $"predictions_json={gaps}", "results_dir=out").ExitCode);
        File.WriteAllText(Dir.Combine("out", "notes.txt"), "the user's own notes");
        var r = CliRunner.Run(Dir.Path, "gap_analysis", "vlm_bcq", $"predictions_json={none}", "results_dir=out");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("No KPI Gaps found!", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(["gaps.json", "none.json", "out/notes.txt"], Dir.ListFiles());
    }

    [Fact]
    public void AnInputWithAnOutputsNameInsideResultsDirIsRefusedAndKept()
    {
        Directory.CreateDirectory(Dir.Combine("out"));
        string input = Dir.File("out/kpi_gaps.jsonl", """[{"video_id": "a", "response": "yes", "gt": "no"}]""");
        var r = CliRunner.Run(Dir.Path, "gap_analysis", "vlm_bcq", $"predictions_json={input}", "results_dir=out");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"results_dir {Dir.Combine("out")} holds an input of this run under an output's name (kpi_gaps.jsonl); it would be overwritten. Choose another results_dir.", r.StderrLines[^1]);
        Assert.Equal("""[{"video_id": "a", "response": "yes", "gt": "no"}]""", File.ReadAllText(input));
        Assert.Equal(["out/kpi_gaps.jsonl"], Dir.ListFiles());
    }
}
