using System.Diagnostics;
using GapLens.IO.Files;
using GapLens.Testing;

namespace GapLens.Cli.Tests;

/// <summary>
/// A real machine's failures met by every command: an output folder that exists but cannot be
/// written, a full disk, standard output that cannot be written or whose reader went away, scratch
/// files left by a run killed outright. Each is exit 2 with one line naming the folder (never exit 3
/// and a trace) or is handled, and no folder is left looking complete when it is not.
/// </summary>
public sealed class EnvironmentFailureCliTests : TempDirTest
{
    private static string Samples(params string[] p) => ScopeAndIdentityCliTests.Samples(p);

    private string Aoi()
    {
        Directory.CreateDirectory(Dir.Combine("inf"));
        File.WriteAllText(Dir.Combine("inf", "inference.csv"), "input_path,object_name,label,siamese_score\nb1,C1,PASS,.1\nb1,C2,PASS,.2\nb2,C3,NO_PASS,.8\nb2,C4,NO_PASS,.9\n");
        File.WriteAllText(Dir.Combine("train.yaml"), "dataset:\n  classify:\n    input_map: {top: 0}\n");
        return "inf";
    }

    private string Videos()
    {
        Directory.CreateDirectory(Dir.Combine("vids"));
        string mp4 = Directory.EnumerateFiles(Samples("vmeval", "data", "outputs"), "*.mp4", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.Copy(mp4, Dir.Combine("vids", "clip.mp4"));
        return Dir.Combine("vids");
    }

    /// <summary>Every command with its output folder (or the folder the output goes in) as <paramref name="output"/>.</summary>
    private string[] Command(string verb, string output) => verb switch
    {
        "bcq" => ["bcq", "--predictions", Dir.File("p.json", """[{"video_id": "a", "response": "yes", "gt": "no"}]"""), "--out", output],
        "aoi" => ["aoi", "--inference-dir", Aoi(), "--train-config", "train.yaml", "--out", output],
        "judge" => ["judge", "--outputs", Samples("vmeval", "data", "outputs"), "--evaluations", output, "--judge", "pixel"],
        "plot" => ["analyze", "plot", "--eval-folder", Samples("vmeval", "data", "evaluations", "human-eval"), "--out", output],
        "stats" => ["analyze", "stats", "--judge", Samples("vmeval", "data", "evaluations", "human-eval"), "--human", Samples("vmeval", "data", "evaluations", "human-eval"), "--out", output],
        "videoqa" => ["videoqa", "prepare", "--videos", Videos(), "--out", output],
        "demo" => ["demo", "--out", output],
        _ => throw new ArgumentOutOfRangeException(nameof(verb)),
    };

    public static TheoryData<string, string> ReadOnlyCases => new()
    {
        { "bcq", "cannot write results_dir {0}: permission denied. Give a folder you can write to." },
        { "aoi", "cannot write results_dir {0}: permission denied. Give a folder you can write to." },
        { "judge", "cannot create --evaluations {0}/pixel-eval: permission denied" },
        { "plot", "cannot write out {0}: permission denied. Give a folder you can write to." },
        { "stats", "cannot write out {0}: permission denied. Give a folder you can write to." },
        { "videoqa", "cannot write --out {0}: permission denied. Give a folder you can write to." },
        { "demo", "cannot create results_dir {0}/vlm_bcq: permission denied" },
    };

    [Theory]
    [MemberData(nameof(ReadOnlyCases))]
    public void AnOutputFolderThatCannotBeWrittenIsExitTwoWithOneLine(string verb, string expected)
    {
        using var ro = new ReadOnlyFolder(Dir.Combine("ro"));
        Assert.True(ro.IsReadOnly, "could not make a read-only folder on this machine");
        var r = CliRunner.Run(Dir.Path, Command(verb, "ro"));
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}\n{r.Stderr}");
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, Dir.Combine("ro")), r.StderrLines[^1]);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.Equal("Execution status: FAIL", r.LastStdoutLine);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Dir.Combine("ro")));
    }

    /// <summary>A 256 KiB file system, mounted when this process may (root with CAP_SYS_ADMIN, as on the
    /// development machine); null elsewhere.</summary>
    private string? SmallFileSystem()
    {
        string mount = Dir.Combine("small");
        Directory.CreateDirectory(mount);
        using var p = Process.Start(new ProcessStartInfo("mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", mount]) { UseShellExecute = false, RedirectStandardError = true })!;
        p.WaitForExit();
        return p.ExitCode == 0 ? mount : null;
    }

    private static void Unmount(string mount)
    {
        using var p = Process.Start(new ProcessStartInfo("umount", [mount]) { UseShellExecute = false })!;
        p.WaitForExit();
    }

    [Theory]
    [InlineData("aoi", "cannot write results_dir {0}/out: no space left on device. Give a folder you can write to.")]
    [InlineData("judge", "cannot write {0}/out/pixel-eval/")]
    [InlineData("stats", "cannot write out {0}/out: no space left on device. Give a folder you can write to.")]
    [InlineData("videoqa", "cannot write {0}/out/")]
    [InlineData("demo", "cannot write results_dir {0}/out/")]
    public void AFullDiskIsExitTwoWithOneLineAndNoSetLooksComplete(string verb, string expected)
    {
        string? small = SmallFileSystem();
        if (small is null) return; // no file system of our own to fill on this machine (not root)
        try
        {
            // Leave too little room for any command's outputs.
            File.WriteAllBytes(Path.Combine(small, "filler"), new byte[252 << 10]);
            var r = CliRunner.Run(Dir.Path, Command(verb, Path.Combine(small, "out")));
            Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}\n{r.Stderr}");
            Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, small), r.StderrLines[^1], StringComparison.Ordinal);
            Assert.Contains("no space left on device", r.StderrLines[^1], StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
            OutputAssert.NoTemporaries(small);
            foreach (string manifest in Directory.EnumerateFiles(small, OutputSet.ManifestName, SearchOption.AllDirectories)) Assert.Empty(OutputSet.Check(Path.GetDirectoryName(manifest)!));
        }
        finally
        {
            Unmount(small);
        }
    }

    /// <summary>Runs the program through bash with a redirection of its own, e.g. "| head -c 10".</summary>
    private CliRunner.Result Shell(string redirection, params string[] args)
    {
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = Dir.Path, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string quoted = string.Join(' ', GapLensProgram.Command.Concat(args).Select(a => "'" + a.Replace("'", "'\\''", StringComparison.Ordinal) + "'"));
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"{quoted} {redirection}; exit ${{PIPESTATUS[0]}}");
        using var p = Process.Start(psi)!;
        var o = p.StandardOutput.ReadToEndAsync();
        var e = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(120_000), "timed out");
        return new CliRunner.Result(p.ExitCode, o.Result, e.Result);
    }

    [Fact]
    public void AReaderThatGoesAwayDoesNotStopTheRunNorSpoilItsOutputs()
    {
        // `gaplens ... 2>&1 | head -c 10`: head leaves after 10 bytes; every later write meets a
        // closed pipe (EPIPE; SIGPIPE is ignored by the runtime) and is dropped.
        var r = Shell("2>&1 | head -c 10 >/dev/null", Command("aoi", "out"));
        Assert.Equal(0, r.ExitCode);
        Assert.Empty(OutputSet.Check(Dir.Combine("out")));
        OutputAssert.NoTemporaries(Dir.Path);
    }

    [Fact]
    public void StandardOutputThatCannotBeWrittenIsReportedWithExitTwoAndTheOutputsAreWhole()
    {
        var r = Shell(">/dev/full", Command("aoi", "out"));
        Assert.True(r.ExitCode == 2, $"exit {r.ExitCode}\n{r.Stderr}");
        Assert.Equal("cannot write standard output: no space left on device", r.StderrLines[^1]);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.Empty(OutputSet.Check(Dir.Combine("out")));
    }

    [Fact]
    public void ScratchFilesOfKilledRunsAreRemovedByTheNextRunAndThoseOfLiveOnesKept()
    {
        int dead;
        using (var gone = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!)
        {
            gone.WaitForExit();
            dead = gone.Id;
        }
        string orphan = Path.Combine(Path.GetTempPath(), $"gaplens-cases-{dead}-{Guid.NewGuid():N}.jsonl");
        string live = Path.Combine(Path.GetTempPath(), $"gaplens-input-{Environment.ProcessId}-{Guid.NewGuid():N}");
        string other = Path.Combine(Path.GetTempPath(), $"gaplens-notes-{dead}.txt");
        try
        {
            foreach (string f in new[] { orphan, live, other }) File.WriteAllText(f, "x");
            Assert.Equal(0, CliRunner.Run(Dir.Path, Command("bcq", "out")).ExitCode);
            Assert.False(File.Exists(orphan), "the killed run's spilled cases are still there");
            Assert.True(File.Exists(live), "a running process's scratch file was removed");
            Assert.True(File.Exists(other), "a file that is not a gaplens scratch file was removed");
        }
        finally
        {
            foreach (string f in new[] { orphan, live, other }) File.Delete(f);
        }
    }

    [Fact]
    public void TheDemoRerunIntoTheSameFolderPasses()
    {
        Assert.Equal(0, CliRunner.Run(Dir.Path, "demo", "--out", "d", "--quiet").ExitCode);
        var again = CliRunner.Run(Dir.Path, "demo", "--out", "d", "--quiet");
        Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
        Assert.Contains("judge (pixel): 30 items: 0 scored, 28 already done, 1 skipped, 1 failed", again.Stdout, StringComparison.Ordinal);
        // The scripted model server listens on another port each time: prepared embeddings stay valid and
        // the answers resume (the endpoint encoders' identity is the model, not the address).
        Assert.Contains("embeddings written for 0, up to date for 3", again.Stdout, StringComparison.Ordinal);
        Assert.Contains("12 questions: 0 answered now, 12 by earlier runs, 0 failed", again.Stdout, StringComparison.Ordinal);
    }
}
