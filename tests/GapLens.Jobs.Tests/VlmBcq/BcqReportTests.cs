using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GapLens.Core.Reports;
using GapLens.IO.Files;
using GapLens.IO.Logging;
using GapLens.Jobs.Tests.Browser;
using GapLens.Jobs.VlmBcq;
using GapLens.Reporting.Markdown;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.VlmBcq;

public sealed class BcqReportTests : TempDirTest
{
    /// <summary>Two questions, FP and FN on both, two skip reasons; clip_0 exists as a real video, the others do not.</summary>
    private string Predictions()
    {
        var items = new List<string>();
        void Add(string video, string question, string response, string gt) =>
            items.Add(JsonSerializer.Serialize(new Dictionary<string, string> { ["video_id"] = video, ["question"] = question, ["response"] = response, ["gt"] = gt }));
        for (int i = 0; i < 12; i++) Add($"clip_{i}.mp4", "Is the light red?", i % 3 == 0 ? "Yes" : "No", i % 4 == 0 ? "no" : "yes");
        for (int i = 12; i < 20; i++) Add($"clip_{i}.mp4", "Does it rain?", i % 2 == 0 ? "yes" : "no", "no");
        Add("clip_20.mp4", "Does it rain?", "maybe", "no");
        Add("clip_21.mp4", "Does it rain?", "yes and no", "no");
        return Dir.File("predictions.json", "[" + string.Join(",\n", items) + "]");
    }

    private async Task<string> Run()
    {
        Directory.CreateDirectory(Dir.Combine("videos"));
        using (var p = Process.Start(new ProcessStartInfo("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc=size=96x64:rate=5", "-t", "1", "-pix_fmt", "yuv420p", Dir.Combine("videos", "clip_0.mp4")]))!)
        {
            await p.WaitForExitAsync();
        }
        var outcome = await new VlmBcqJob().RunAsync(new BcqOptions(Predictions(), Dir.Combine("out"), Dir.Combine("videos")),
            JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path), CancellationToken.None);
        Assert.True(outcome.Passed);
        return Dir.Combine("out");
    }

    [Fact]
    public async Task ReportNumbersEqualTheSummaryJsonTheyComeFrom()
    {
        string dir = await Run();
        using var summary = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, BcqArtifacts.SummaryName)));
        using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, VlmBcqJob.ReportJsonName)));
        var metrics = report.RootElement.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("blocks").EnumerateArray())
            .Where(b => b.TryGetProperty("metrics", out _)).SelectMany(b => b.GetProperty("metrics").EnumerateArray()).ToDictionary(m => m.GetProperty("id").GetString()!);
        var overall = summary.RootElement.GetProperty("overall").GetProperty("metrics");
        foreach (string id in new[] { "precision", "recall", "specificity", "accuracy", "f1" })
        {
            Assert.Equal(overall.GetProperty(id).GetProperty("value").GetDouble(), metrics[id].GetProperty("value").GetDouble());
        }
        var ci = overall.GetProperty("precision").GetProperty("ci95");
        Assert.Equal(ci[0].GetDouble(), metrics["precision"].GetProperty("interval").GetProperty("lower").GetDouble());

        // The per-question table on the page lists the questions in the summary's order with the same counts.
        var table = report.RootElement.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "per_question")
            .GetProperty("blocks")[0].GetProperty("table");
        var rows = table.GetProperty("rows").EnumerateArray().ToList();
        var perQuestion = summary.RootElement.GetProperty("per_question").EnumerateArray().ToList();
        Assert.Equal(perQuestion.Count, rows.Count);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.Equal(perQuestion[i].GetProperty("question").GetString(), rows[i][0].GetProperty("value").GetString());
            Assert.Equal(perQuestion[i].GetProperty("confusion_matrix").GetProperty("fp").GetInt64(), rows[i][3].GetProperty("value").GetInt64());
            Assert.Equal(perQuestion[i].GetProperty("confusion_matrix").GetProperty("fn").GetInt64(), rows[i][4].GetProperty("value").GetInt64());
            var recall = perQuestion[i].GetProperty("metrics").GetProperty("recall").GetProperty("value");
            if (recall.ValueKind == JsonValueKind.Number) Assert.Equal(recall.GetDouble(), rows[i][6].GetProperty("value").GetDouble());
        }
        // The HTML shows the same numbers as the JSON, in the model's format.
        string html = File.ReadAllText(Path.Combine(dir, VlmBcqJob.ReportHtmlName));
        Assert.Contains(">" + NumberFormat.Fixed(3).Format(overall.GetProperty("recall").GetProperty("value").GetDouble()) + "<", html, StringComparison.Ordinal);
        Assert.Contains("response_no_answer", html, StringComparison.Ordinal);
        Assert.Contains("response_ambiguous", html, StringComparison.Ordinal);
        // The CSV has every question with F1 intervals.
        var csv = File.ReadAllLines(Path.Combine(dir, VlmBcqJob.PerQuestionCsvName));
        Assert.Equal("question,samples,errors,fp,fn,precision,precision_ci95_lower,precision_ci95_upper,recall,recall_ci95_lower,recall_ci95_upper,f1,f1_ci95_lower,f1_ci95_upper,skipped", csv[0]);
        Assert.Equal(3, csv.Length);
        Assert.Empty(OutputSet.Check(dir));
    }

    [Fact]
    public async Task ReportOpensInChromiumWithThumbnailsAndWorkingFilters()
    {
        string dir = await Run();
        Assert.True(File.Exists(Path.Combine(dir, BcqExamples.ImagesDir, "000_FP.png")) || Directory.GetFiles(Path.Combine(dir, BcqExamples.ImagesDir)).Length == 1);
        await ReportBrowser.OpenAsync(Path.Combine(dir, VlmBcqJob.ReportHtmlName), "vlm_bcq_report", async page =>
        {
            Assert.Equal(1, await page.Locator("figure img").CountAsync());
            Assert.True(await page.Locator("figure .missing").CountAsync() >= 5);
            int fps = await page.Locator("#gallery-fp figure").CountAsync();
            await page.Locator("#gallery-fp select[data-filter=question]").SelectOptionAsync("Does it rain?");
            int shown = await page.EvaluateAsync<int>("Array.from(document.querySelectorAll('#gallery-fp figure')).filter(f => f.style.display !== 'none').length");
            Assert.True(shown > 0 && shown < fps, $"{shown} of {fps}");
            await page.Locator("#gallery-fp select[data-filter=question]").SelectOptionAsync("");
        });
        await ReportBrowser.OpenAsync(Path.Combine(dir, OutputSet.IndexName), "vlm_bcq_index", async page =>
            Assert.Equal("report.html", await page.Locator("#table-files a").First.InnerTextAsync()));
    }

    [Fact]
    public async Task MarkdownUnderACommaDecimalCultureMatchesTheSnapshot()
    {
        string dir = Dir.Combine("out");
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
        try
        {
            await new VlmBcqJob().RunAsync(new BcqOptions(Predictions(), dir, null), JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path), CancellationToken.None);
            var report = GapLens.IO.Json.GapLensJson.Deserialize<Report>(File.ReadAllBytes(Path.Combine(dir, VlmBcqJob.ReportJsonName)))!;
            string md = MarkdownReportRenderer.Render(report, id => id + ".png");
            Assert.Equal(File.ReadAllText(Path.Combine(dir, VlmBcqJob.ReportMarkdownName)), md);
            // Paths differ per machine: compare the snapshot with the temporary folder written as <dir>.
            Snapshots.AssertMatches("vlm_bcq_report.md", md.Replace(Dir.Path, "<dir>", StringComparison.Ordinal));
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        }
    }
}
