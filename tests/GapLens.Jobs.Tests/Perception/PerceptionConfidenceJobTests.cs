using GapLens.Core;
using GapLens.IO.Files;
using GapLens.IO.Results;
using GapLens.Jobs.Perception;
using GapLens.Testing;
using static GapLens.Jobs.Tests.Perception.PerceptionFixture;

namespace GapLens.Jobs.Tests.Perception;

/// <summary>`perception confidence` end to end on the confidence fixture (tests/TestData/perception/conf,
/// whose numbers make_confidence_fixtures.py checks against scikit-learn).</summary>
public sealed class PerceptionConfidenceJobTests : TempDirTest
{
    private static string Conf(string file) => Path("conf", file);

    private Task<JobOutcome> Run(PerceptionConfidenceOptions o) => new PerceptionConfidenceJob().RunAsync(o, Context(Dir), CancellationToken.None);

    [Fact]
    public async Task WritesSignalsTheMetaModelSamplesAndAReportWithTheRunRecordLast()
    {
        var outcome = await Run(new PerceptionConfidenceOptions(Conf("annotations.json"), Conf("answers.json"), Conf("confidence.jsonl"), Dir.Combine("out")));
        Assert.True(outcome.Passed);
        var result = Json(Dir.Combine("out", "confidence.json"));
        var meta = result.GetProperty("meta_model");
        string report = Dir.Combine("out", "report.json");
        Assert.Equal(meta.GetProperty("mean_absolute_error").GetProperty("value").GetDouble(), Metric(report, "mae").GetProperty("value").GetDouble(), 12);
        Assert.Equal(meta.GetProperty("naive_mean_absolute_error").GetProperty("value").GetDouble(), Metric(report, "naive_mae").GetProperty("value").GetDouble(), 12);
        Assert.Equal(["inputs", "signals", "calibration", "risk_coverage", "meta_model", "where_it_fails"], Sections(report).Where(s => s != "warnings"));
        var figures = Json(report).GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("blocks").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "figure").Select(b => b.GetProperty("figure").GetProperty("id").GetString()).ToList();
        Assert.Equal(["reliability", "risk_coverage", "meta_model", "where_it_fails"], figures);
        var samples = SampleResultsFile.Read(Dir.Combine("out", SampleResultsFile.DefaultName)).ToList();
        Assert.Equal(result.GetProperty("answered").GetInt32(), samples.Count(s => s.Score is not null));
        Assert.Equal(result.GetProperty("with_confidence").GetInt32(), samples.Count(s => s.Metadata.Keys.Any(k => k is "option_probability" or "verbal" or "sample_agreement")));
        var manifest = AssertCommitted(Dir.Combine("out"));
        Assert.Equal(0UL, manifest.GetProperty("seed").GetUInt64());
    }

    [Fact]
    public async Task TheReliabilityDiagramMarksEachBinWeightedByItsQuestions()
    {
        await Run(new PerceptionConfidenceOptions(Conf("annotations.json"), Conf("answers.json"), Conf("confidence.jsonl"), Dir.Combine("out")));
        var blocks = Json(Dir.Combine("out", "report.json")).GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("blocks").EnumerateArray()).ToList();
        var figure = blocks.Where(b => b.GetProperty("type").GetString() == "figure").Select(b => b.GetProperty("figure")).Single(f => f.GetProperty("id").GetString() == "reliability");
        var bins = blocks.Where(b => b.GetProperty("type").GetString() == "table").Select(b => b.GetProperty("table")).Single(t => t.GetProperty("id").GetString() == "reliability_bins");
        var counts = bins.GetProperty("rows").EnumerateArray().Select(r => r[1].GetProperty("value").GetDouble()).ToList();
        var signals = figure.GetProperty("series").EnumerateArray().Where(s => s.GetProperty("name").GetString() != "calibrated (y = x)").ToList();
        Assert.NotEmpty(signals);
        Assert.All(signals, s => Assert.Equal(s.GetProperty("x").GetArrayLength(), s.GetProperty("point_weights").GetArrayLength()));
        // The bins table ("Bins of <signal> (equal-width)") lists the questions behind each point of that signal's line.
        string caption = bins.GetProperty("caption").GetString()!;
        var primary = signals.Single(s => caption == $"Bins of {s.GetProperty("name").GetString()} (equal-width)");
        Assert.Equal(counts, primary.GetProperty("point_weights").EnumerateArray().Select(w => w.GetDouble()).ToList());
        Assert.Contains("area grows with the bin's questions", figure.GetProperty("legend").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MatchingAveragesWithBinsFarOffTheDiagonalAreNotCalledCalibrated()
    {
        // Confidence 1.0 on every wrong answer and c on every right one, c chosen so that the mean
        // confidence equals the accuracy exactly: the averages match, every bin is far off (ECE 2(1-a)).
        var ann = GapLens.Perception.Annotations.AnnotationReader.Read(Conf("annotations.json"));
        var scores = GapLens.Perception.Scoring.McScorer.Score(ann, GapLens.Perception.Answers.AnswersReader.Read(Conf("answers.json")));
        var answered = scores.Outcomes.Where(o => o.Answered).ToList();
        double a = answered.Count(o => o.Correct) / (double)answered.Count;
        double c = (2 * a - 1) / a;
        Assert.InRange(c, 0.05, 0.95);
        string lines = string.Concat(answered.Select(o => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{{\"video_id\": \"{o.VideoId}\", \"id\": {o.QuestionId}, \"verbal\": {(o.Correct ? c : 1.0):R}}}\n")));
        string confidence = Dir.File("confidence.jsonl", lines);
        var outcome = await Run(new PerceptionConfidenceOptions(Conf("annotations.json"), Conf("answers.json"), confidence, Dir.Combine("out")));
        Assert.DoesNotContain("about calibrated", outcome.Headline, StringComparison.Ordinal);
        Assert.Contains("averages match, but not per confidence level", outcome.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMetaModelErrorWhoseIntervalHoldsTheBaselineIsNotCalledBetter()
    {
        // The bundled sample: meta-model 0.237 [0.180, 0.295] against 0.244 for the mean confidence.
        string s = System.IO.Path.Combine(GapLens.Jobs.Tests.Browser.ReportBrowser.RepoRoot(), "samples", "perception");
        await Run(new PerceptionConfidenceOptions(System.IO.Path.Combine(s, "annotations.json"), System.IO.Path.Combine(s, "answers.json"), System.IO.Path.Combine(s, "confidence.jsonl"), Dir.Combine("out")));
        var meta = Json(Dir.Combine("out", "confidence.json")).GetProperty("meta_model");
        double naive = meta.GetProperty("naive_mean_absolute_error").GetProperty("value").GetDouble();
        var ci = meta.GetProperty("mean_absolute_error").GetProperty("ci95");
        Assert.InRange(naive, ci.GetProperty("lower").GetDouble(), ci.GetProperty("upper").GetDouble());
        var points = Json(Dir.Combine("out", "report.json")).GetProperty("verdict").GetProperty("points").EnumerateArray().Select(p => p.GetString()!).ToList();
        string line = Assert.Single(points, p => p.StartsWith("Accuracy without labels", StringComparison.Ordinal));
        Assert.Contains("(no clear difference: the baseline lies inside the interval)", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConfidenceFileWithNoLineForAnAnsweredQuestionIsAUserError()
    {
        File.WriteAllText(Dir.Combine("c.jsonl"), "");
        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(new PerceptionConfidenceOptions(Conf("annotations.json"), Conf("answers.json"), Dir.Combine("c.jsonl"), Dir.Combine("out"))));
        Assert.Contains("none of its 0 lines is for an answered question", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Dir.Combine("out", OutputSet.ManifestName)));
    }

    [Fact]
    public async Task ASignalNoLineHasIsAUserErrorListingThePresentOnes()
    {
        File.WriteAllText(Dir.Combine("c.jsonl"), "{\"video_id\": \"video_10000\", \"id\": 0, \"verbal\": 0.5}\n");
        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(new PerceptionConfidenceOptions(Annotations, Path("answers_a.json"), Dir.Combine("c.jsonl"), Dir.Combine("out"), Signal: "sample_agreement")));
        Assert.Equal($"--signal sample_agreement: no line of {Dir.Combine("c.jsonl")} has it; present: verbal", ex.Message);
    }

    [Theory]
    [InlineData(0, 5, 1.0, null, "--bins must be an integer in [1, 1000], got 0")]
    [InlineData(10, 1, 1.0, null, "--folds must be an integer in [2, 1000], got 1")]
    [InlineData(10, 5, -1.0, null, "--c must be a number in (0, 1000000], got -1")]
    [InlineData(10, 5, 1.0, "logits", "--signal must be one of option_probability, verbal, sample_agreement, got 'logits'")]
    public async Task OutOfRangeOptionsAreOneLineUserErrors(int bins, int folds, double c, string? signal, string message)
    {
        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(new PerceptionConfidenceOptions(Conf("annotations.json"), Conf("answers.json"), Conf("confidence.jsonl"), Dir.Combine("out"),
            Bins: bins, Folds: folds, C: c, Signal: signal)));
        Assert.Equal(message, ex.Message);
    }
}
