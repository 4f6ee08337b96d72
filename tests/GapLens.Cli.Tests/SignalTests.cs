using System.Globalization;
using System.Text;
using System.Text.Json;
using GapLens.IO.Files;
using GapLens.Testing;

namespace GapLens.Cli.Tests;

/// <summary>A generated inference.csv of 3,000,000 rows (114 MB), on disk only while the signal tests run.</summary>
public sealed class BigInference : IDisposable
{
    public const int Rows = 3_000_000;

    public BigInference()
    {
        Directory.CreateDirectory(Dir.Combine("inference"));
        using var w = new StreamWriter(Dir.Combine("inference", "inference.csv"), false, new UTF8Encoding(false), 1 << 20);
        w.Write("input_path,object_name,label,siamese_score\n");
        var rng = new Random(7);
        string[] labels = ["PASS", "PASS", "PASS", "PASS", "PASS", "PASS", "PASS", "PASS", "NO_PASS", "MISSING"];
        for (int i = 0; i < Rows; i++)
        {
            string label = labels[rng.Next(labels.Length)];
            double score = label == "PASS" ? rng.NextDouble() * 0.6 : 0.3 + rng.NextDouble() * 0.7;
            w.Write(string.Create(CultureInfo.InvariantCulture, $"board_{i % 5000}/img,C{i},{label},{score:F6}\n"));
        }
        File.WriteAllText(Dir.Combine("train.yaml"), "dataset:\n  classify:\n    input_map: {top: 0, side: 1}\n    image_ext: .png\n");
    }

    public TempDir Dir { get; } = new();

    public void Dispose() => Dir.Dispose();
}

/// <summary>
/// SIGINT and SIGTERM sent to the real program at many moments of a long vcn_aoi run, of a judge run
/// and of the demo: the run stops, cleans up, exits 130 (SIGINT) or 143 (SIGTERM) with a message, leaves
/// no temporary, and every output folder is either complete or without a manifest.
/// </summary>
public sealed class SignalTests(BigInference big) : TempDirTest, IClassFixture<BigInference>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    private static int ExitCodeOf(string signal) => signal switch { "INT" => 130, "HUP" => 129, _ => 143 };

    private static void AssertStopped(CliRunner.Result r, string signal, string stderr)
    {
        Assert.True(r.ExitCode == ExitCodeOf(signal), $"SIG{signal}: exit {r.ExitCode}\n{stderr}");
        Assert.Contains("Cancelled", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("Execution status: FAIL", r.LastStdoutLine);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Moments of a vcn_aoi run, named by the --verbose line after which the signal is sent
    /// (plus a delay): the first pass, the sort, the sweep, the second pass, the report, the figures,
    /// the staging, the commit, and after the commit. After the last log lines the process may have
    /// ended before the signal arrives (exit 0, a complete set); if it is still running, the signal
    /// must still be reported (the deterministic case is CliHostTests.ASignalAfterTheJobsLastCheck...).</summary>
    public static TheoryData<string, int, string, bool> AoiMoments => new()
    {
        { "DEBUG - analysis phase train config", 0, "INT", false },
        { "DEBUG - analysis phase read inference.csv", 0, "INT", false },
        { "DEBUG - analysis phase tie groups", 0, "TERM", false },
        { "DEBUG - analysis phase tie groups", 0, "HUP", false },
        { "INFO - Optimal threshold", 0, "INT", false },
        { "DEBUG - analysis phase paths of the kept rows", 0, "TERM", false },
        { "phase report model", 0, "TERM", false },
        { "phase plots (3, SVG and PNG)", 0, "INT", false },
        // The commit comes right after this line: 2 ms in the native program, so it may end first.
        { "report.json staged", 0, "TERM", true },
        { "INFO - Threshold written to", 0, "INT", true },
        { "INFO - RCA report saved", 0, "TERM", true },
    };

    [Theory]
    [MemberData(nameof(AoiMoments))]
    public void AVcnAoiRunStopsCleanlyOnASignalAtAnyMoment(string after, int delayMs, string signal, bool mayHaveEnded)
    {
        using var cli = RunningCli.Start(Dir.Path, null, "aoi", "--verbose", "--inference-dir", big.Dir.Combine("inference"),
            "--train-config", big.Dir.Combine("train.yaml"), "--out", "out");
        Assert.True(cli.WaitForStderr(after, Wait), $"never saw '{after}':\n{cli.Stderr}");
        if (delayMs > 0) Thread.Sleep(delayMs);
        cli.Signal(signal);
        var r = cli.WaitForExit(Wait);
        OutputAssert.NoTemporaries(Dir.Path, cli.Pid);
        OutputAssert.NoTemporaries(big.Dir.Path);
        bool complete = OutputAssert.CompleteOrWithoutManifest(Dir.Combine("out"));
        if (mayHaveEnded && complete && !r.Stderr.Contains("Cancelled", StringComparison.Ordinal))
        {
            // The signal came while the process was ending (its handlers already gone: the runtime
            // exits with the signal's code) or after it ended (exit 0): the set is complete either way.
            Assert.True(r.ExitCode == 0 || r.ExitCode == ExitCodeOf(signal), $"exit {r.ExitCode}\n{r.Stderr}");
            Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
            return;
        }
        AssertStopped(r, signal, r.Stderr);
        // Only a signal that came after the commit leaves a complete set, and says so.
        Assert.Equal(complete, r.Stderr.Contains("Cancelled after the run had finished; its outputs are complete.", StringComparison.Ordinal));
        if (!complete) Assert.DoesNotContain(Directory.Exists(Dir.Combine("out")) ? Directory.GetFiles(Dir.Combine("out")) : [], f => VcnAoiOutputs.Contains(Path.GetFileName(f)));
    }

    private static readonly string[] VcnAoiOutputs = ["kpi_gaps.parquet", "threshold.txt", "weak_samples_breakdown.txt", "metrics.json", "RCA_Report.md", "report.html", "report.json"];

    [Fact]
    public void ASecondSignalWhileStoppingEndsTheProcessAtOnce()
    {
        using var cli = RunningCli.Start(Dir.Path, null, "aoi", "--verbose", "--inference-dir", big.Dir.Combine("inference"),
            "--train-config", big.Dir.Combine("train.yaml"), "--out", "out");
        Assert.True(cli.WaitForStderr("DEBUG - analysis phase train config", Wait), cli.Stderr);
        cli.Signal("INT");
        cli.Signal("INT");
        var r = cli.WaitForExit(Wait);
        Assert.Equal(130, r.ExitCode);
    }

    /// <summary>Six items judged by an OpenAI-compatible endpoint that answers slowly, two at a time.</summary>
    private async Task<FakeOpenAiServer> JudgeTreeAsync()
    {
        await JudgeCliTests.ItemsAsync(Dir, 6);
        var server = await FakeOpenAiServer.StartAsync();
        server.Default = new FakeOpenAiServer.Reply(200, """{"solution_correctness_score": 4, "explanation": "slow"}""", Delay: TimeSpan.FromSeconds(1.5));
        return server;
    }

    private RunningCli StartJudge(FakeOpenAiServer server) =>
        RunningCli.Start(Dir.Path, new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-test" }, "judge", "--verbose", "--outputs", "outputs",
            "--evaluations", "evals", "--judge", "openai", "--base-url", server.BaseUrl, "--model", "fake-vlm-1", "--evaluator", "vision-eval", "--concurrency", "2", "--no-cache");

    [Theory]
    [InlineData("INT", false)]
    [InlineData("TERM", true)]
    public async Task AJudgeRunStopsCleanlyRecordsTheCancellationAndResumes(string signal, bool afterFirstScore)
    {
        await using var server = await JudgeTreeAsync();
        string evals = Dir.Combine("evals", "vision-eval");
        using (var cli = StartJudge(server))
        {
            Assert.True(cli.WaitForStderr("INFO - Judging 6 items", Wait), cli.Stderr);
            if (afterFirstScore)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                while (!Directory.Exists(evals) || !Directory.EnumerateFiles(evals, "vision-eval.json", SearchOption.AllDirectories).Any())
                {
                    Assert.True(clock.Elapsed < Wait && !cli.HasExited, "no item was scored");
                    Thread.Sleep(10);
                }
            }
            else
            {
                Thread.Sleep(300); // requests in flight
            }
            cli.Signal(signal);
            var r = cli.WaitForExit(Wait);
            AssertStopped(r, signal, r.Stderr);
            OutputAssert.NoTemporaries(Dir.Path, cli.Pid);
        }
        var run = Directory.GetFiles(Path.Combine(evals, "_runs")).Single();
        using (var doc = JsonDocument.Parse(File.ReadAllBytes(run)))
        {
            var outcome = doc.RootElement.GetProperty("outcome");
            Assert.Equal("cancelled", outcome.GetProperty("status").GetString());
            Assert.Equal(ExitCodeOf(signal), outcome.GetProperty("exit_code").GetInt32());
        }
        RunManifestTests.AssertValid(run);
        var scored = Directory.EnumerateFiles(evals, "vision-eval.json", SearchOption.AllDirectories).ToList();
        Assert.All(scored, f => Assert.Equal(GapLens.Judging.Folders.ScoreStatus.Completed, GapLens.Judging.Folders.ScoreFiles.Read(f).Status));
        Assert.True(scored.Count < 6, $"{scored.Count} items were scored before the signal stopped the run");

        // A rerun resumes: the items scored before the signal are kept, the others are judged.
        server.Default = server.Default with { Delay = TimeSpan.Zero };
        using var again = StartJudge(server);
        var done = again.WaitForExit(Wait);
        Assert.Equal(0, done.ExitCode);
        Assert.Contains($"6 items: {6 - scored.Count} scored, {scored.Count} already done, 0 skipped, 0 failed", done.Stderr, StringComparison.Ordinal);
        OutputAssert.NoTemporaries(Dir.Path);
    }

    /// <summary>Moments of the demo: each of its jobs while it runs.</summary>
    public static TheoryData<string, int, string> DemoMoments => new()
    {
        { "INFO - Saving 44 cases", 0, "INT" },
        { "phase report model", 0, "TERM" },
        { "INFO - Judging 30 items", 400, "INT" },
        { "INFO - 3 models on 2 domains", 0, "TERM" },
        { "INFO - long-video QA: scripted model", 0, "INT" },
        { "(concurrency 4, at most 4 rounds)", 0, "TERM" },
    };

    [Theory]
    [MemberData(nameof(DemoMoments))]
    public void TheDemoStopsCleanlyOnASignalAtAnyMoment(string after, int delayMs, string signal)
    {
        using var cli = RunningCli.Start(Dir.Path, null, "demo", "--verbose", "--out", "demo");
        Assert.True(cli.WaitForStderr(after, Wait), $"never saw '{after}':\n{cli.Stderr}");
        if (delayMs > 0) Thread.Sleep(delayMs);
        cli.Signal(signal);
        var r = cli.WaitForExit(Wait);
        AssertStopped(r, signal, r.Stderr);
        OutputAssert.NoTemporaries(Dir.Path, cli.Pid);
        foreach (string dir in new[] { "demo/vlm_bcq", "demo/vcn_aoi", "demo/vmeval/plots", "demo/vmeval/stats", "demo/vmeval/slices", "demo/videoqa/run/report" }) OutputAssert.CompleteOrWithoutManifest(Dir.Combine(dir));
        Assert.False(File.Exists(Dir.Combine("demo", OutputSet.ManifestName)), "the demo's own record says it completed");
    }

    [Fact]
    public void TheDemoKilledWhileTheAgentRunsResumesWithExactlyOneResultPerQuestion()
    {
        using (var cli = RunningCli.Start(Dir.Path, null, "demo", "--verbose", "--out", "demo"))
        {
            Assert.True(cli.WaitForStderr("(concurrency 4, at most 4 rounds)", Wait), cli.Stderr);
            cli.Signal("KILL");
            Assert.Equal(137, cli.WaitForExit(Wait).ExitCode);
        }
        var again = CliRunner.Run(Dir.Path, "demo", "--out", "demo", "--quiet");
        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        var uids = File.ReadAllLines(Dir.Combine("demo", "videoqa", "run", "results.jsonl"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("item_id").GetString()).ToList();
        Assert.Equal(12, uids.Count);
        Assert.Equal(12, uids.Distinct().Count());
        Assert.Empty(OutputSet.Check(Dir.Combine("demo", "videoqa", "run", "report")));
        OutputAssert.NoTemporaries(Dir.Path);
    }

    [Fact]
    public void SigpipeIsIgnoredAndTheRunCompletes()
    {
        using var cli = RunningCli.Start(Dir.Path, null, "aoi", "--verbose", "--inference-dir", big.Dir.Combine("inference"),
            "--train-config", big.Dir.Combine("train.yaml"), "--out", "out");
        Assert.True(cli.WaitForStderr("DEBUG - analysis phase read inference.csv", Wait), cli.Stderr);
        cli.Signal("PIPE");
        var r = cli.WaitForExit(Wait);
        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Empty(OutputSet.Check(Dir.Combine("out")));
    }

    [Fact]
    public void TheDemoKilledOutrightMidRunIsCompletedByARerun()
    {
        using (var cli = RunningCli.Start(Dir.Path, null, "demo", "--verbose", "--out", "demo"))
        {
            Assert.True(cli.WaitForStderr("INFO - Judging 30 items", Wait), cli.Stderr);
            Thread.Sleep(300);
            cli.Signal("KILL");
            Assert.Equal(137, cli.WaitForExit(Wait).ExitCode);
        }
        Assert.False(File.Exists(Dir.Combine("demo", OutputSet.ManifestName)));
        var again = CliRunner.Run(Dir.Path, "demo", "--out", "demo", "--quiet");
        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        foreach (string dir in new[] { "demo", "demo/vlm_bcq", "demo/vcn_aoi", "demo/vmeval/plots", "demo/vmeval/stats", "demo/vmeval/slices" }) Assert.Empty(OutputSet.Check(Dir.Combine(dir)));
        Assert.Equal(30, Directory.EnumerateFiles(Dir.Combine("demo", "vmeval", "evaluations", "pixel-eval"), "pixel-eval.json", SearchOption.AllDirectories).Count());
        OutputAssert.NoTemporaries(Dir.Path);
    }
}
