using System.Text.Json;
using GapLens.IO.Files;
using GapLens.IO.Logging;
using GapLens.Jobs.VideoQa;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.VideoQa;

/// <summary>`videoqa metrics` on the Python-checked results fixture: the report folder, all or nothing,
/// and `--compare` pairing two runs by uid (McNemar, paired bootstrap, the questions that flipped).</summary>
public sealed class VideoQaMetricsJobTests : TempDirTest
{
    private Task<JobOutcome> Run(VideoQaMetricsOptions o) =>
        new VideoQaMetricsJob().RunAsync(o, JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path, "videoqa metrics"), CancellationToken.None);

    private string Copy(string name, Func<string, string>? change = null)
    {
        Directory.CreateDirectory(Dir.Combine(name));
        var lines = File.ReadAllLines(TestData.PathOf("videoqa_metrics", "results.jsonl")).Select(change ?? (l => l));
        File.WriteAllLines(Dir.Combine(name, "results.jsonl"), lines);
        return Dir.Combine(name);
    }

    [Fact]
    public async Task WritesTheWholeReportFolderWithItsRunRecord()
    {
        string run = Copy("run");

        var outcome = await Run(new VideoQaMetricsOptions(run));

        Assert.True(outcome.Passed);
        Assert.Equal("Accuracy 64.3% [49.2%, 77.0%] over 42 answered questions; 45.0% over all 60.", outcome.Headline);
        string report = Path.Combine(run, "report");
        foreach (string f in new[] { "report.html", "report.md", "report.json", "samples.jsonl", OutputSet.ManifestName, "tables/by_type.csv", "figures/accuracy_by_type.png" })
        {
            Assert.True(File.Exists(Path.Combine(report, f)), f);
        }
        Assert.Empty(OutputSet.Check(report));
        Assert.Equal(60, File.ReadAllLines(Path.Combine(report, "samples.jsonl")).Length);
        // The fixture records no frame folders: the gallery says so instead of showing a broken image.
        Assert.Contains("no frames folder recorded; give --frames", File.ReadAllText(Path.Combine(report, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheReportDoesNotDependOnTheOrderResultsFinishedIn()
    {
        // With --concurrency above 1, results.jsonl is in completion order; the same answers in
        // another order must give the same report (tables, samples.jsonl, which question each figure shows).
        // The run record and its page (index.html) name the input's hash, which differs.
        string run = Copy("run");
        var lines = File.ReadAllLines(Path.Combine(run, "results.jsonl"));
        Assert.True((await Run(new VideoQaMetricsOptions(run, Dir.Combine("in_order")))).Passed);
        File.WriteAllLines(Path.Combine(run, "results.jsonl"), lines.Select((l, i) => (l, i)).OrderBy(x => (x.i * 37) % lines.Length).Select(x => x.l));
        Assert.True((await Run(new VideoQaMetricsOptions(run, Dir.Combine("shuffled")))).Passed);

        static string[] Files(string dir) => [.. Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(dir, f)).Where(f => !f.StartsWith("_", StringComparison.Ordinal) && f != OutputSet.ManifestName && f != "index.html").Order(StringComparer.Ordinal)];
        var names = Files(Dir.Combine("in_order"));
        Assert.Equal(names, Files(Dir.Combine("shuffled")));
        Assert.Contains("samples.jsonl", names);
        foreach (string f in names.Where(f => !f.EndsWith(".png", StringComparison.Ordinal)))
        {
            string a = File.ReadAllText(Path.Combine(Dir.Combine("in_order"), f)).Replace("in_order", "OUT", StringComparison.Ordinal);
            string b = File.ReadAllText(Path.Combine(Dir.Combine("shuffled"), f)).Replace("shuffled", "OUT", StringComparison.Ordinal);
            Assert.True(Strip(a) == Strip(b), $"{f} differs with the results in another order");
        }

        static string Strip(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\d{4}-\d{2}-\d{2}[ T_]\d{2}:?\d{2}:?\d{2}(\.\d+)?(\+00:00| UTC|Z)?", "TIME");
    }

    [Fact]
    public async Task CompareCountsTheFlipsAndTestsThemWithMcNemar()
    {
        string a = Copy("a");
        // The other run: u0..u9 all correct, everything else as in this run.
        string b = Copy("b", l =>
        {
            using var doc = JsonDocument.Parse(l);
            int i = int.Parse(doc.RootElement.GetProperty("item_id").GetString()![1..], System.Globalization.CultureInfo.InvariantCulture);
            return i < 10 ? l.Replace("\"outcome\":\"wrong\"", "\"outcome\":\"correct\"", StringComparison.Ordinal).Replace("\"outcome\":\"unanswered\"", "\"outcome\":\"correct\"", StringComparison.Ordinal) : l;
        });
        var firstTen = File.ReadAllLines(Path.Combine(a, "results.jsonl")).Take(10).Count(l => !l.Contains("\"outcome\":\"correct\"", StringComparison.Ordinal));

        var outcome = await Run(new VideoQaMetricsOptions(a, Dir.Combine("cmp"), Compare: b, Resamples: 1000));

        Assert.True(outcome.Passed);
        using var report = JsonDocument.Parse(File.ReadAllBytes(Dir.Combine("cmp", "report.json")));
        var compare = report.RootElement.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "compare");
        var metrics = compare.GetProperty("blocks")[1].GetProperty("metrics").EnumerateArray().ToDictionary(m => m.GetProperty("id").GetString()!, m => m);
        Assert.Equal(60, metrics["compare_paired"].GetProperty("value").GetDouble());
        Assert.Equal(-firstTen / 60.0, metrics["compare_difference"].GetProperty("value").GetDouble(), 1e-12);
        // McNemar exact: every discordant pair favours the other run, p = 2 * 0.5^k.
        Assert.Equal(Math.Min(1, 2 * Math.Pow(0.5, firstTen)), metrics["compare_mcnemar_p"].GetProperty("value").GetDouble(), 1e-12);
        var flips = compare.GetProperty("blocks")[2].GetProperty("table").GetProperty("rows");
        Assert.Equal(firstTen, flips.GetArrayLength());
        Assert.True(firstTen >= 2, "the fixture has wrong or unanswered questions among u0..u9");
    }

    [Fact]
    public async Task AFolderWithoutResultsIsAUserErrorSayingWhatToGive()
    {
        Directory.CreateDirectory(Dir.Combine("empty"));
        var ex = await Assert.ThrowsAsync<GapLens.Core.UserInputException>(() => Run(new VideoQaMetricsOptions(Dir.Combine("empty"))));
        Assert.Equal($"--results {Dir.Combine("empty")} has no results.jsonl: give a videoqa run folder (its --out) or its results file", ex.Message);
    }
}
