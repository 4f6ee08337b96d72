using GapLens.IO.Files;
using GapLens.Testing;

namespace GapLens.Cli.Tests;

/// <summary>`gaplens perception score|attention|confidence` as a user runs them: exit codes 0/1/2,
/// one-line errors, valid run records, --help with examples.</summary>
public sealed class PerceptionCliTests : TempDirTest
{
    private static string P(params string[] parts) => TestData.PathOf(["perception", .. parts]);

    private static readonly string Annotations = P("annotations.json");

    [Fact]
    public void TheThreeVerbsRunOnTheFixturesAndWriteValidRunRecords()
    {
        var runs = new (string Dir, string Verb, string[] Args)[]
        {
            ("score", "perception score", ["perception", "score", "--annotations", Annotations, "--answers", P("answers_a.json"), "--compare", P("answers_b.json"), "--out", "score"]),
            ("attention", "perception attention", ["perception", "attention", "--annotations", Annotations, "--maps", P("maps"), "--answers", P("answers_a.json"), "--objects", "cup,ball", "--objects", "box", "--out", "attention"]),
            ("confidence", "perception confidence", ["perception", "confidence", "--annotations", P("conf", "annotations.json"), "--answers", P("conf", "answers.json"),
                "--confidence", P("conf", "confidence.jsonl"), "--signal", "option_probability", "--out", "confidence"]),
        };
        foreach (var (dir, verb, args) in runs)
        {
            var r = CliRunner.Run(Dir.Path, args);
            Assert.True(r.ExitCode == 0, $"{verb}: exit {r.ExitCode}\n{r.Stderr}");
            Assert.Equal("Execution status: PASS", r.LastStdoutLine);
            Assert.Contains("Report: ", r.Stderr, StringComparison.Ordinal);
            var m = RunManifestTests.AssertValid(Dir.Combine(dir, OutputSet.ManifestName));
            Assert.Equal(verb, m.GetProperty("verb").GetString());
            Assert.Empty(OutputSet.Check(Dir.Combine(dir)));
            Assert.True(File.Exists(Dir.Combine(dir, "report.html")));
        }
        var options = RunManifestTests.AssertValid(Dir.Combine("attention", OutputSet.ManifestName)).GetProperty("options");
        Assert.Equal("cup,ball,box", options.GetProperty("objects").GetString());
    }

    [Fact]
    public void AFailedAccuracyGateExitsOne()
    {
        var r = CliRunner.Run(Dir.Path, "perception", "score", "--annotations", Annotations, "--answers", P("answers_a.json"), "--fail-under", "0.9", "--out", "o");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("Execution status: FAIL", r.LastStdoutLine);
        Assert.Contains("ERROR - top-1 accuracy 51.3% is below --fail-under 90.0%", r.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Dir.Combine("o", "report.html")));
    }

    [Fact]
    public void BadInputExitsTwoWithOneLineNamingTheProblem()
    {
        File.WriteAllText(Dir.Combine("array.json"), "[1, 2]");
        File.WriteAllText(Dir.Combine("empty.json"), "{}");
        var cases = new (string Expected, string[] Args)[]
        {
            ("is not a JSON object keyed by video id", ["perception", "score", "--annotations", Dir.Combine("array.json"), "--answers", P("answers_a.json"), "--out", "o"]),
            ("Answer text is not as expected", ["perception", "score", "--annotations", Annotations, "--answers", P("errors", "wrong_text.json"), "--out", "o"]),
            ("Missing answers in results", ["perception", "score", "--annotations", Annotations, "--answers", P("answers_partial.json"), "--out", "o"]),
            ("answers none of the 39 questions", ["perception", "score", "--annotations", Annotations, "--answers", Dir.Combine("empty.json"), "--lenient", "--out", "o"]),
            ("--answers: file not found: ", ["perception", "score", "--annotations", Annotations, "--answers", "missing.json", "--out", "o"]),
            ("--iou-fraction must be a number in (0, 1]", ["perception", "attention", "--annotations", Annotations, "--maps", P("maps"), "--iou-fraction", "2", "--out", "o"]),
            ("--frame-matching must be one of nearest, exact, interpolate", ["perception", "attention", "--annotations", Annotations, "--maps", P("maps"), "--frame-matching", "closest", "--out", "o"]),
            ("--maps: folder not found: ", ["perception", "attention", "--annotations", Annotations, "--maps", "nomaps", "--out", "o"]),
            ("--folds must be an integer in [2, 1000], got 1", ["perception", "confidence", "--annotations", Annotations, "--answers", P("answers_a.json"), "--confidence", P("confidence.jsonl"), "--folds", "1", "--out", "o"]),
        };
        foreach (var (expected, args) in cases)
        {
            var r = CliRunner.Run(Dir.Path, ["-q", .. args]);
            Assert.True(r.ExitCode == 2, $"{expected}: exit {r.ExitCode}\n{r.Stderr}");
            Assert.Single(r.StderrLines);
            Assert.Contains(expected, r.StderrLines[0], StringComparison.Ordinal);
            Assert.Equal("Execution status: FAIL", r.LastStdoutLine);
            Assert.False(File.Exists(Dir.Combine("o", OutputSet.ManifestName)));
        }
    }

    [Fact]
    public void AMissingRequiredOptionExitsTwoPointingAtHelp()
    {
        var r = CliRunner.Run(Dir.Path, "perception", "score", "--annotations", Annotations);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--answers", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("--help' for usage.", r.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("score", "gaplens perception score --annotations valid_annotations.json --answers a.json --compare b.json --out compare/")]
    [InlineData("attention", "--videos videos/")]
    [InlineData("confidence", "--confidence confidence.jsonl")]
    public void EachVerbsHelpHasExamples(string verb, string example)
    {
        var r = CliRunner.Run(Dir.Path, "perception", verb, "--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Examples:", r.Stdout, StringComparison.Ordinal);
        Assert.Contains(example, r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePerceptionHelpListsTheThreeVerbs()
    {
        var r = CliRunner.Run(Dir.Path, "perception", "--help");
        Assert.Equal(0, r.ExitCode);
        foreach (string verb in new[] { "score", "attention", "confidence" }) Assert.Contains("  " + verb, r.Stdout, StringComparison.Ordinal);
    }
}
