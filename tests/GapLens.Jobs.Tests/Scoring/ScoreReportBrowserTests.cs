using System.Text.Json;
using GapLens.IO.Logging;
using GapLens.Jobs.Scoring;
using GapLens.Jobs.Tests.Browser;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.Scoring;

/// <summary>analyze plot on the bundled human scores and VMEvalKit outputs, opened in Chromium.</summary>
public sealed class ScoreReportBrowserTests : TempDirTest
{
    private static string Samples(params string[] p) => Path.Combine([ReportBrowser.RepoRoot(), "samples", "vmeval", "data", .. p]);

    private async Task<string> Run()
    {
        var outcome = await new AnalyzePlotJob().RunAsync(new AnalyzePlotOptions(Samples("evaluations", "human-eval"), Dir.Combine("plots"), Outputs: Samples("outputs")),
            JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path), CancellationToken.None);
        Assert.True(outcome.Passed);
        return Dir.Combine("plots");
    }

    [Fact]
    public async Task ReportOpensWithCrispHeatmapCellsAGalleryWorstFirstAndFilters()
    {
        string dir = await Run();
        await ReportBrowser.OpenAsync(Path.Combine(dir, "report.html"), "analyze_plot_report", async page =>
        {
            // Heatmap cells are vector rectangles in the inline SVG, not a scaled bitmap.
            Assert.Equal(0, await page.Locator("#plot-model_domain_heatmap svg image").CountAsync());
            Assert.True(await page.Locator("#plot-model_domain_heatmap svg rect, #plot-model_domain_heatmap svg path").CountAsync() >= 9);
            // Every figure carries its axis titles.
            string heat = await page.Locator("#plot-model_domain_heatmap").InnerTextAsync();
            Assert.Contains("domain", heat, StringComparison.Ordinal);
            Assert.Contains("model", heat, StringComparison.Ordinal);
            int items = await page.Locator("#gallery-items figure").CountAsync();
            Assert.True(items >= 9, $"{items} gallery items");
            Assert.True(await page.Locator("#gallery-items figure img").CountAsync() >= items * 2);
            // Filters: choosing one model leaves only its items.
            await page.Locator("#gallery-items select[data-filter=model]").SelectOptionAsync("sim-veo");
            var models = await page.EvaluateAsync<string[]>("Array.from(document.querySelectorAll('#gallery-items figure')).filter(f => f.style.display !== 'none').map(f => f.getAttribute('data-f-model'))");
            Assert.NotEmpty(models);
            Assert.All(models, m => Assert.Equal("sim-veo", m));
            await page.Locator("#gallery-items select[data-filter=model]").SelectOptionAsync("");
        });
    }

    [Fact]
    public async Task GalleryIsWorstFirstWithinEachModelAndTaskAndMatchesTheScoreFiles()
    {
        string dir = await Run();
        using var report = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "report.json")));
        var gallery = report.RootElement.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "gallery")
            .GetProperty("blocks")[0].GetProperty("items").EnumerateArray().ToList();
        string? group = null;
        int last = 0;
        foreach (var item in gallery)
        {
            var fields = item.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("key").GetString()!, f => f.GetProperty("value").GetString()!);
            string g = fields["model"] + "/" + fields["task"];
            string badge = item.GetProperty("badge").GetString()!;
            int rank = badge.StartsWith("score ", StringComparison.Ordinal) ? int.Parse(badge[6..], System.Globalization.CultureInfo.InvariantCulture) : badge == "failed" ? 6 : 7;
            if (g != group) (group, last) = (g, 0);
            Assert.True(rank >= last, $"{g}: {badge} after rank {last}");
            last = rank;
            // The badge's score is the score file's.
            string file = Samples("evaluations", "human-eval", fields["experiment"], fields["model"], fields["task"], item.GetProperty("title").GetString()!, "human-eval.json");
            using var score = JsonDocument.Parse(File.ReadAllBytes(file));
            if (rank <= 5) Assert.Equal(rank, score.RootElement.GetProperty("result").GetProperty("solution_correctness_score").GetInt32());
        }
    }
}
