using GapLens.Testing;

namespace GapLens.Cli.Tests;

/// <summary>A folder given one level off, or a judge resuming another judge's scores, is refused with a
/// one-line hint (exit 2), never a shifted or merged result that ends PASS (issue 15, items 1 and 2).</summary>
public sealed class ScopeAndIdentityCliTests : TempDirTest
{
    internal static string Samples(params string[] p)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string s = Path.Combine(d.FullName, "samples");
            if (Directory.Exists(Path.Combine(s, "vmeval"))) return Path.Combine([s, .. p]);
        }
        throw new InvalidOperationException("samples/ not found");
    }

    [Fact]
    public void JudgeOnAnExperimentFolderIsOneLevelTooDeep()
    {
        string experiment = Samples("vmeval", "data", "outputs", "demo-exp");
        var r = CliRunner.Run(Dir.Path, "judge", "--outputs", experiment, "--evaluations", "evals");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"--outputs {experiment} looks one level too deep: it is an experiment folder (its subfolders are models, theirs task types); give the folder that holds the experiments: --outputs {Samples("vmeval", "data", "outputs")}", r.StderrLines[^1]);
        Assert.False(Directory.Exists(Dir.Combine("evals")));
    }

    [Fact]
    public void JudgeOnTheDataFolderIsOneLevelTooHigh()
    {
        var r = CliRunner.Run(Dir.Path, "judge", "--outputs", Samples("vmeval", "data"), "--evaluations", "evals");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith($"--outputs {Samples("vmeval", "data")} looks one level too high", r.StderrLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void PlotOverTheEvaluationsRootRefusesToMergeEvaluators()
    {
        var judged = CliRunner.Run(Dir.Path, "judge", "--outputs", Samples("vmeval", "data", "outputs"), "--evaluations", "evals", "--quiet");
        Assert.Equal(0, judged.ExitCode);
        CopyDir(Samples("vmeval", "data", "evaluations", "human-eval"), Dir.Combine("evals", "human-eval"));
        var r = CliRunner.Run(Dir.Path, "analyze", "plot", "--eval-folder", "evals", "--out", "plots");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"{Dir.Combine("evals")} holds several evaluator folders (human-eval, pixel-eval); give one of them, e.g. {Dir.Combine("evals", "human-eval")} (their scores must not be merged)", r.StderrLines[^1]);
        var ok = CliRunner.Run(Dir.Path, "analyze", "plot", "--eval-folder", Path.Combine("evals", "pixel-eval"), "--out", "plots");
        Assert.Equal(0, ok.ExitCode);
    }

    [Fact]
    public void ResumingAnotherJudgesScoresStopsUnlessRejudged()
    {
        string outputs = Samples("vmeval", "data", "outputs");
        Assert.Equal(0, CliRunner.Run(Dir.Path, "judge", "--outputs", outputs, "--evaluations", "evals", "--quiet").ExitCode);
        // The same folder with a judge whose calibration differs: another judge's scores.
        foreach (string f in Directory.EnumerateFiles(Dir.Combine("evals", "pixel-eval"), "pixel-eval.json", SearchOption.AllDirectories))
        {
            File.WriteAllText(f, File.ReadAllText(f).Replace("\"judge\": \"pixel\"", "\"judge\": \"pixel-v0\"", StringComparison.Ordinal));
        }
        var r = CliRunner.Run(Dir.Path, "judge", "--outputs", outputs, "--evaluations", "evals");
        Assert.Equal(2, r.ExitCode);
        Assert.Matches(@"^28 of 30 items in .*pixel-eval were scored by another judge \(e\.g\. .*: judge pixel-v0; this run: judge pixel\); write elsewhere with --evaluator NAME, or score them again with --rejudge$", r.StderrLines[^1]);
        var again = CliRunner.Run(Dir.Path, "judge", "--outputs", outputs, "--evaluations", "evals", "--rejudge");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("30 items: 28 scored, 0 already done, 1 skipped, 1 failed", again.Stderr, StringComparison.Ordinal);
        var elsewhere = CliRunner.Run(Dir.Path, "judge", "--outputs", outputs, "--evaluations", "evals", "--evaluator", "pixel-b");
        Assert.Equal(0, elsewhere.ExitCode);
        Assert.True(Directory.Exists(Dir.Combine("evals", "pixel-b", "demo-exp")));
    }

    private static void CopyDir(string from, string to)
    {
        foreach (string f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }
}
