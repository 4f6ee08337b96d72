using GapLens.IO.Files;
using GapLens.Testing;

namespace GapLens.Cli.Tests;

/// <summary>`gaplens slices` as a user runs it: the planted fixture (exit 0, the report folder with a
/// valid run record, the headline on stderr), and bad input (exit 2, one line, nothing written).</summary>
public sealed class SlicesCliTests : TempDirTest
{
    [Fact]
    public void FindsThePlantedSliceAndWritesAValidRunRecord()
    {
        File.Copy(TestData.PathOf("slices", "planted.csv"), Dir.Combine("evals.csv"));

        var r = CliRunner.Run(Dir.Path, "slices", "--results", "evals.csv", "--list-features", "tags", "--min-support", "20", "--out", "out");

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("Worst for sure: model = m3 & task = counting: 76.3%", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("Report: " + Dir.Combine("out", "report.html"), r.Stdout, StringComparison.Ordinal);
        var record = RunManifestTests.AssertValid(Dir.Combine("out", OutputSet.ManifestName));
        Assert.Equal("slices", record.GetProperty("verb").GetString());
        Assert.Equal("passed", record.GetProperty("outcome").GetProperty("status").GetString());
        Assert.Equal("model = m3 & task = counting", File.ReadAllLines(Dir.Combine("out", "slices.csv"))[1].Split(',')[2]);
    }

    [Theory]
    [InlineData("--features", "model,colour", "--features names 'colour', which is not a column (columns: duration, lighting, model, outcome, sample_id, tags, task)")]
    [InlineData("--outcome", "model", ":2: column 'model': outcome value 'm3' is not known: ")]
    [InlineData("--max-order", "9", "--max-order must be an integer in [1, 4], got 9")]
    public void BadInputExitsTwoWithOneLineAndWritesNothing(string option, string value, string message)
    {
        File.Copy(TestData.PathOf("slices", "planted.csv"), Dir.Combine("evals.csv"));

        var r = CliRunner.Run(Dir.Path, "slices", "--results", "evals.csv", option, value, "--out", "out", "--quiet");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Dir.Combine("out")));
    }
}
