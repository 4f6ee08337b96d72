using GapLens.Testing;

namespace GapLens.Cli.Tests;

public sealed class UsageCliTests : TempDirTest
{
    [Theory]
    [InlineData("--help")]
    [InlineData("gap_analysis", "--help")]
    [InlineData("bcq", "--help")]
    [InlineData("demo", "--help")]
    [InlineData("aoi", "--help")]
    public void EveryVerbHasHelpWithExamples(params string[] args)
    {
        var r = CliRunner.Run(Dir.Path, args);
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Examples:", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("Usage:", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionPrintsTheVersion()
    {
        var r = CliRunner.Run(Dir.Path, "--version");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", r.Stdout);
    }

    [Fact]
    public void UnknownKeyListsValidKeysWithExitTwo()
    {
        var r = CliRunner.Run(Dir.Path, "gap_analysis", "vlm_bcq", "predictions_json=p.json", "results_dir=o", "video_dir=x");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("unknown key 'video_dir' for vlm_bcq (from command line); valid keys: predictions_json, results_dir, videos_dir", r.StderrLines[^1]);
    }

    [Fact]
    public void MissingRequiredKeyIsNamedWithExitTwo()
    {
        var r = CliRunner.Run(Dir.Path, "gap_analysis", "vlm_bcq", "predictions_json=p.json");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("missing required key 'results_dir' (flag --out) for vlm_bcq", r.StderrLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownActionAndMalformedOverrideAreUserErrors()
    {
        var a = CliRunner.Run(Dir.Path, "gap_analysis", "vlm_xyz", "a=b");
        Assert.Equal(2, a.ExitCode);
        Assert.StartsWith("unknown gap_analysis action 'vlm_xyz'; available: vlm_bcq", a.StderrLines[^1], StringComparison.Ordinal);
        var b = CliRunner.Run(Dir.Path, "gap_analysis", "vlm_bcq", "predictions_json");
        Assert.Equal(2, b.ExitCode);
        Assert.StartsWith("override 'predictions_json' is not of the form key=value", b.StderrLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOptionIsAUsageErrorWithExitTwo()
    {
        var r = CliRunner.Run(Dir.Path, "bcq", "--predictionz", "x");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--help", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void QuietHidesInfoLines()
    {
        string preds = Dir.File("p.json", """[{"video_id": "a", "response": "Yes.", "gt": "no"}]""");
        var r = CliRunner.Run(Dir.Path, "bcq", "--predictions", preds, "--out", "o", "--quiet");
        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("INFO", r.Stderr, StringComparison.Ordinal);
        var loud = CliRunner.Run(Dir.Path, "bcq", "--predictions", preds, "--out", "o2");
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} - \[gaplens\.vlm_bcq\] - INFO - ", loud.StderrLines[0]);
    }
}
