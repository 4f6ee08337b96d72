using GapLens.Testing;

namespace GapLens.Cli.Tests;

/// <summary>`gaplens serve` as a user meets it before it serves anything: help, and user errors as
/// one line with exit 2 (the running server is tested in GapLens.Web.Tests).</summary>
public sealed class ServeCliTests : TempDirTest
{
    [Fact]
    public void ServeHasHelpWithTheKeyboardAndExamplesAndIsListed()
    {
        var r = CliRunner.Run(Dir.Path, "serve", "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (string s in new[] { "--outputs", "--evaluations", "--host", "--port", "--token", "--overlap", "--seed", "--lease-minutes", "Keyboard:", "Examples:", "gaplens serve --outputs data/outputs --evaluations data/evaluations" })
        {
            Assert.Contains(s, r.Stdout, StringComparison.Ordinal);
        }
        Assert.Contains("serve         Score generated videos by hand in the browser", CliRunner.Run(Dir.Path, "--help").Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "serve", "--outputs", "nowhere", "--evaluations", "ev", "--port", "0" }, "outputs folder not found: ")]
    [InlineData(new[] { "serve", "--outputs", ".", "--evaluations", "ev", "--overlap", "0" }, "--overlap must be 1-50 (annotators per item), got 0")]
    [InlineData(new[] { "serve", "--outputs", ".", "--evaluations", "ev", "--host", "lab-server" }, "--host must be an IP address")]
    [InlineData(new[] { "serve", "--outputs", ".", "--evaluations", "ev", "--token", "x" }, "--token must be 16-256 characters")]
    [InlineData(new[] { "serve", "--outputs", "." }, "Option '--evaluations' is required.")]
    public void UserErrorsAreOneLineWithExitTwo(string[] args, string message)
    {
        var r = CliRunner.Run(Dir.Path, args);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains(r.StderrLines, l => l.Contains(message, StringComparison.Ordinal));
        Assert.DoesNotContain(" at GapLens", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Dir.Combine("ev", "human-eval", "_store")));
    }

    [Fact]
    public void AnOutputsFolderWithoutItemsSaysWhatItExpected()
    {
        Directory.CreateDirectory(Dir.Combine("outputs", "exp"));
        var r = CliRunner.Run(Dir.Path, "serve", "--outputs", "outputs", "--evaluations", "ev", "--port", "0");
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("no items to score under ", r.StderrLines[^1], StringComparison.Ordinal);
    }

    private static string Samples(params string[] p)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            string s = Path.Combine(d.FullName, "samples");
            if (Directory.Exists(Path.Combine(s, "vmeval"))) return Path.Combine([s, .. p]);
        }
        throw new InvalidOperationException("samples/ not found");
    }

    [Fact]
    public void AnExperimentFolderGivenAsOutputsIsOneLevelTooDeepAndNothingIsWritten()
    {
        string experiment = Samples("vmeval", "data", "outputs", "demo-exp");
        var r = CliRunner.Run(Dir.Path, "serve", "--outputs", experiment, "--evaluations", "ev", "--port", "0");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"--outputs {experiment} looks one level too deep: it is an experiment folder (its subfolders are models, theirs task types); give the folder that holds the experiments: --outputs {Samples("vmeval", "data", "outputs")}", r.StderrLines[^1]);
        Assert.False(Directory.Exists(Dir.Combine("ev")));
    }

    [Fact]
    public void TheDataFolderGivenAsOutputsIsOneLevelTooHighAndNothingIsWritten()
    {
        var r = CliRunner.Run(Dir.Path, "serve", "--outputs", Samples("vmeval", "data"), "--evaluations", "ev", "--port", "0");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal($"--outputs {Samples("vmeval", "data")} looks one level too high: its subfolder outputs holds the experiments; give the outputs folder itself: --outputs {Samples("vmeval", "data", "outputs")}", r.StderrLines[^1]);
        Assert.False(Directory.Exists(Dir.Combine("ev")));
    }
}
