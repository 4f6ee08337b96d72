using System.Text.Json;
using GapLens.Testing;

namespace GapLens.Cli.Tests;

/// <summary>Numeric flags of the verbs that are not TAO actions: ranges (exit 2, one line) and
/// culture-independent parsing.</summary>
public sealed class OptionRangeCliTests : TempDirTest
{
    private static readonly string Judge = TestData.PathOf("vmeval_stats", "judge");
    private static readonly string Human = TestData.PathOf("vmeval_stats", "human");

    public static TheoryData<string[], string> OutOfRange => new()
    {
        { ["analyze", "stats", "--judge", Judge, "--human", Human, "--out", "o", "--pass-at", "7"], "--pass-at must be a number in [1, 5], got 7" },
        { ["analyze", "stats", "--judge", Judge, "--human", Human, "--out", "o", "--pass-at", "0"], "--pass-at must be a number in [1, 5], got 0" },
        { ["analyze", "stats", "--judge", Judge, "--human", Human, "--out", "o", "--resamples", "0"], "--resamples must be an integer in [1, 1000000], got 0" },
        { ["analyze", "stats", "--judge", Judge, "--human", Human, "--out", "o", "--resamples", "2000000"], "--resamples must be an integer in [1, 1000000], got 2000000" },
        { ["analyze", "stats", "--judge", Judge, "--human", Human, "--out", "o", "--margin", "0"], "--margin must be a number in (0, 4], got 0" },
        { ["analyze", "stats", "--judge", Judge, "--human", Human, "--out", "o", "--margin", "NaN"], "--margin must be a number in (0, 4], got NaN" },
        { ["analyze", "plot", "--eval-folder", Judge, "--out", "o", "--pass-at", "5.5"], "--pass-at must be a number in [1, 5], got 5.5" },
        { ["judge", "--outputs", "outputs", "--evaluations", "o", "--concurrency", "0"], "--concurrency must be an integer in [1, 256], got 0" },
        { ["judge", "--outputs", "outputs", "--evaluations", "o", "--timeout", "-1"], "--timeout must be a number in (0, 3600], got -1" },
        { ["judge", "--outputs", "outputs", "--evaluations", "o", "--retries", "21"], "--retries must be an integer in [0, 20], got 21" },
        { ["judge", "--outputs", "outputs", "--evaluations", "o", "--vote-frames", "0"], "--vote-frames must be an integer in [1, 60], got 0" },
        { ["judge", "--outputs", "outputs", "--evaluations", "o", "--vote-seconds", "0"], "--vote-seconds must be a number in (0, 600], got 0" },
        { ["judge", "--outputs", "outputs", "--evaluations", "o", "--total-timeout", "0"], "--total-timeout must be a number in (0, 86400], or null (10 minutes, or --timeout if longer), got 0" },
        { ["judge", "--outputs", "outputs", "--evaluations", "o", "--max-wait", "-1"], "--max-wait must be a number in [0, 3600], got -1" },
        { ["judge", "--outputs", "outputs", "--evaluations", "o", "--max-reply-bytes", "100"], "--max-reply-bytes must be an integer in [1024, 1073741824], got 100" },
        { ["videoqa", "prepare", "--videos", "v", "--out", "o", "--fps", "0"], "--fps must be a number in (0, 60], got 0" },
        { ["videoqa", "prepare", "--videos", "v", "--out", "o", "--jpeg-quality", "1"], "--jpeg-quality must be an integer in [2, 31] (2 is best), got 1" },
        { ["videoqa", "prepare", "--videos", "v", "--out", "o", "--threads", "-1"], "--threads must be an integer in [0, 256] (0: ONNX Runtime's default), got -1" },
    };

    [Theory]
    [MemberData(nameof(OutOfRange))]
    public void AValueOutOfRangeIsExitTwoWithOneLineAndNoFiles(string[] args, string expected)
    {
        var r = CliRunner.Run(Dir.Path, args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal([expected], r.StderrLines);
        Assert.Equal("Execution status: FAIL", r.LastStdoutLine);
        Assert.Empty(Dir.ListFiles());
        Assert.False(Directory.Exists(Dir.Combine("o")));
    }

    [Fact]
    public void TextThatIsNotANumberNamesTheOptionTheTextAndTheRange()
    {
        var r = CliRunner.Run(Dir.Path, "analyze", "stats", "--judge", Judge, "--human", Human, "--out", "o", "--resamples", "1e3");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("--resamples must be an integer in [1, 1000000], got '1e3'", r.StderrLines[0]);
        var seed = CliRunner.Run(Dir.Path, "analyze", "stats", "--judge", Judge, "--human", Human, "--out", "o", "--seed", "-1");
        Assert.Equal(2, seed.ExitCode);
        Assert.Equal("--seed must be an integer in [0, 18446744073709551615], got '-1'", seed.StderrLines[0]);
        Assert.Empty(Dir.ListFiles());
    }

    [Theory]
    [InlineData("prepare", "--max-side", "--max-side must be an integer in [16, 8192] (pixels), got 'abc'")]
    [InlineData("run", "--image-max-side", "--image-max-side must be an integer in [16, 8192] (pixels), got 'abc'")]
    [InlineData("run", "--concurrency", "--concurrency must be an integer in [1, 256], got 'abc'")]
    [InlineData("run", "--max-rounds", "--max-rounds must be an integer in [0, 100], got 'abc'")]
    [InlineData("run", "--top-k", "--top-k must be an integer in [1, 50], got 'abc'")]
    [InlineData("run", "--jpeg-quality", "--jpeg-quality must be an integer in [1, 100], got 'abc'")]
    [InlineData("run", "--retries", "--retries must be an integer in [0, 20], got 'abc'")]
    [InlineData("run", "--timeout", "--timeout must be a number in (0, 3600], got 'abc'")]
    public void ANumericVideoQaOptionThatIsNotANumberNamesTheRangeNotADotNetType(string verb, string option, string expected)
    {
        string[] args = verb == "prepare"
            ? ["videoqa", "prepare", "--videos", "v", "--out", "o", option, "abc"]
            : ["videoqa", "run", "--data", "d.json", "--frames", "f", "--embeddings", "e", "--base-url", "http://127.0.0.1:9/v1", "--out", "o", option, "abc"];
        var r = CliRunner.Run(Dir.Path, args);
        Assert.Equal(2, r.ExitCode);
        Assert.Equal(expected, r.StderrLines[0]);
        Assert.Empty(Dir.ListFiles());
    }

    [Theory]
    [InlineData("prepare", "--max-side")]
    [InlineData("run", "--image-max-side")]
    public void TheHelpOfAFrameSideStatesItsRange(string verb, string option)
    {
        var r = CliRunner.Run(Dir.Path, "videoqa", verb, "--help");
        Assert.Equal(0, r.ExitCode);
        string help = string.Join(" ", r.Stdout.Split('\n', StringSplitOptions.TrimEntries));
        int at = help.IndexOf(option + " <", StringComparison.Ordinal);
        Assert.True(at >= 0, help);
        Assert.Contains("Must be an integer in [16, 8192] (pixels)", help[at..Math.Min(help.Length, at + 600)], StringComparison.Ordinal);
    }

    [Fact]
    public void NumbersAreReadTheSameWayUnderACommaDecimalCulture()
    {
        // System.CommandLine's own converter reads "0.75" as 75 under de-DE.
        var env = new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8", ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "0" };
        var r = CliRunner.Run(Dir.Path, env, "analyze", "stats", "--judge", Judge, "--human", Human, "--out", "o", "--pass-at", "3.5", "--margin", "0.75", "--resamples", "200");
        Assert.Equal(0, r.ExitCode);
        using var run = JsonDocument.Parse(File.ReadAllBytes(Dir.Combine("o", "gaplens_run.json")));
        var options = run.RootElement.GetProperty("options");
        Assert.Equal("3.5", options.GetProperty("pass_at").GetString());
        Assert.Equal("0.75", options.GetProperty("margin").GetString());
        Assert.Equal("200", options.GetProperty("resamples").GetString());
    }
}
