using System.Globalization;
using System.Text.Json;
using GapLens.Core.Reports;
using GapLens.IO.Logging;
using GapLens.Jobs.Scoring;
using GapLens.Jobs.Tests.Browser;
using GapLens.Reporting.Markdown;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.Scoring;

/// <summary>analyze stats on the scipy fixture (tests/TestData/vmeval_stats), as a page and as Markdown.</summary>
public sealed class StatsReportBrowserTests : TempDirTest
{
    private async Task<string> Run()
    {
        string fx = TestData.PathOf("vmeval_stats");
        var outcome = await new AnalyzeStatsJob().RunAsync(new AnalyzeStatsOptions(Path.Combine(fx, "judge"), Path.Combine(fx, "human"), Dir.Combine("out"), Resamples: 2000),
            JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), "/"), CancellationToken.None);
        Assert.True(outcome.Passed);
        return Dir.Combine("out");
    }

    [Fact]
    public async Task PageShowsTheConfusionMatrixAndPValuesAsTheJsonHasThem()
    {
        string dir = await Run();
        using var stats = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "stats.json")));
        int paired = stats.RootElement.GetProperty("items").GetProperty("paired").GetInt32();
        double pT = stats.RootElement.GetProperty("paired_t").GetProperty("p_value").GetDouble();
        await ReportBrowser.OpenAsync(Path.Combine(dir, "stats.html"), "analyze_stats_report", async page =>
        {
            // The confusion matrix: 25 cells whose counts sum to the paired items.
            var cells = await page.EvaluateAsync<string[]>("Array.from(document.querySelectorAll('#plot-confusion svg text')).map(t => t.textContent.trim())");
            var counts = cells.Where(t => t.Length > 0 && t.All(char.IsAsciiDigit)).Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToList();
            Assert.True(counts.Count >= 25, $"{counts.Count} numeric texts");
            string html = await page.ContentAsync();
            Assert.Contains(">" + NumberFormat.PValue.Format(pT) + "<", html, StringComparison.Ordinal);
            Assert.DoesNotContain("0.000000", html, StringComparison.Ordinal);
            // The fixture's models share no task: said so, not a table of n/a.
            Assert.Equal(0, await page.Locator("#table-model_comparisons").CountAsync());
            Assert.Contains("share no task", await page.Locator("#model_comparisons").InnerTextAsync(), StringComparison.Ordinal);
        });
        // Every cell of the matrix in report.json, summed, is the number of paired items.
        using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "report.json")));
        var heat = report.RootElement.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("blocks").EnumerateArray())
            .Where(b => b.TryGetProperty("figure", out var f) && f.GetProperty("id").GetString() == "confusion").Single().GetProperty("figure");
        Assert.Equal(paired, heat.GetProperty("values").EnumerateArray().SelectMany(r => r.EnumerateArray()).Sum(v => v.GetDouble()));
        Assert.True(File.Exists(Path.Combine(dir, "confusion.svg")));
        Assert.Equal("rater,model_a,model_b,tasks,pass_rate_a,pass_rate_b,mcnemar_p,bh_p,verdict,mean_difference,mean_difference_ci95_lower,mean_difference_ci95_upper\n".Split(',')[..4],
            File.ReadAllText(Path.Combine(dir, "model_comparisons.csv")).Split(',')[..4]);
    }

    [Fact]
    public async Task MarkdownUnderACommaDecimalCultureMatchesTheSnapshot()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
        try
        {
            string dir = await Run();
            string md = File.ReadAllText(Path.Combine(dir, "stats.md"));
            var report = GapLens.IO.Json.GapLensJson.Deserialize<Report>(File.ReadAllBytes(Path.Combine(dir, "report.json")))!;
            Assert.Equal(md, MarkdownReportRenderer.Render(report, id => id + ".png"));
            Snapshots.AssertMatches("analyze_stats.md", md.Replace(TestData.PathOf("vmeval_stats"), "<fixture>", StringComparison.Ordinal));
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        }
    }
}
