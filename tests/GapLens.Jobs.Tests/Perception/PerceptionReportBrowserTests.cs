using GapLens.Jobs.Perception;
using GapLens.Jobs.Tests.Browser;
using GapLens.Testing;
using Microsoft.Playwright;
using static GapLens.Jobs.Tests.Perception.PerceptionFixture;

namespace GapLens.Jobs.Tests.Perception;

/// <summary>
/// Opens the perception reports in real headless Chromium (Debian's /usr/bin/chromium, driven by
/// Playwright): nothing leaves the file, every overlay decodes, the figures carry their titles, the
/// sections are there. Full-page screenshots are kept in TestResults/screenshots/.
/// </summary>
public sealed class PerceptionReportBrowserTests : TempDirTest
{
    private static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return (playwright, browser);
    }

    private static async Task<IPage> OpenAsync(IBrowser browser, string html, List<string> requests)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        page.Request += (_, r) => requests.Add(r.Url);
        await page.GotoAsync(new Uri(html).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.All(requests, u => Assert.True(u.StartsWith("file://", StringComparison.Ordinal) || u.StartsWith("data:", StringComparison.Ordinal), $"external request: {u}"));
        Assert.Single(requests, u => u.StartsWith("file://", StringComparison.Ordinal));
        return page;
    }

    /// <summary>The checks every report must pass (<see cref="ReportBrowser"/>: no request leaves the
    /// file, every image decodes, nothing overflows its card or the page, no chart text overlaps
    /// another), on the report and on the run's front page.</summary>
    private static async Task SharedChecksAsync(string outDir, string name)
    {
        await ReportBrowser.OpenAsync(System.IO.Path.Combine(outDir, "report.html"), name + "_checked");
        await ReportBrowser.OpenAsync(System.IO.Path.Combine(outDir, "index.html"), name + "_index");
    }

    private static async Task ShootAsync(IPage page, string name)
    {
        string shots = System.IO.Path.Combine(RepoRoot(), "TestResults", "screenshots");
        Directory.CreateDirectory(shots);
        string shot = System.IO.Path.Combine(shots, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 50_000);
    }

    [Fact]
    public async Task AttentionReportLoadsOfflineWithEveryOverlayAndFigure()
    {
        var outcome = await new PerceptionAttentionJob().RunAsync(new PerceptionAttentionOptions(Annotations, Path("maps"), Dir.Combine("out"), Path("answers_a.json")), Context(Dir), CancellationToken.None);
        Assert.True(outcome.Passed);
        int overlays = Directory.GetFiles(Dir.Combine("out", "overlays"), "*.png").Length;
        var (playwright, browser) = await LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await OpenAsync(browser, Dir.Combine("out", "report.html"), []);
            // Every overlay, some twice: "Where it fails" shows the overlays of failing questions again.
            Assert.Equal(overlays, await page.EvaluateAsync<int>("new Set(Array.from(document.images).map(i => i.src)).size"));
            Assert.True(await page.EvaluateAsync<bool>("Array.from(document.images).every(i => i.complete && i.naturalWidth >= 320 && i.naturalHeight > 200)"));
            Assert.Equal(0, await page.Locator("figure .missing").CountAsync());
            var plotTitles = await page.EvaluateAsync<string[]>("Array.from(document.querySelectorAll('.plot svg')).map(s => s.textContent)");
            Assert.Contains(plotTitles, t => t.Contains("vs a uniform map", StringComparison.Ordinal));
            Assert.Contains(plotTitles, t => t.Contains("IoU against the threshold fraction", StringComparison.Ordinal));
            foreach (string heading in new[] { "Attention vs chance", "Per layer and head", "Does attention predict correct answers?", "Per task", "Overlays" })
            {
                Assert.Equal(1, await page.Locator("h2", new PageLocatorOptions { HasTextString = heading }).CountAsync());
            }
            // A 128 px thumbnail hides the overlay's cells and caption: a click opens it at its own size.
            var first = page.Locator(".gallery figure img").First;
            Assert.True((await first.BoundingBoxAsync())!.Width <= 128);
            await first.ClickAsync();
            var zoomed = (await first.BoundingBoxAsync())!;
            int natural = await first.EvaluateAsync<int>("i => i.naturalWidth");
            Assert.True(natural > 256 && zoomed.Width >= natural - 1, $"zoomed to {zoomed.Width} px of {natural}");
            await first.ClickAsync();
            Assert.True((await first.BoundingBoxAsync())!.Width <= 128);
            await ShootAsync(page, "perception_attention_report.png");
        }
        await SharedChecksAsync(Dir.Combine("out"), "perception_attention");
    }

    [Fact]
    public async Task ScoreReportWithAComparisonLoadsOfflineWithItsFigures()
    {
        var outcome = await new PerceptionScoreJob().RunAsync(new PerceptionScoreOptions(Annotations, Path("answers_a.json"), Dir.Combine("out"), Compare: Path("answers_b.json")), Context(Dir), CancellationToken.None);
        Assert.True(outcome.Passed);
        var (playwright, browser) = await LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await OpenAsync(browser, Dir.Combine("out", "report.html"), []);
            var plotTitles = await page.EvaluateAsync<string[]>("Array.from(document.querySelectorAll('.plot svg')).map(s => s.textContent)");
            Assert.Equal(4, plotTitles.Length);
            Assert.Contains("Top-1 accuracy per area", plotTitles[0], StringComparison.Ordinal);
            Assert.Contains("A vs B per area", plotTitles[3], StringComparison.Ordinal);
            foreach (string heading in new[] { "Headline", "By area", "Tasks", "Option-position bias", "Comparison: A vs B" })
            {
                Assert.Equal(1, await page.Locator("h2", new PageLocatorOptions { HasTextString = heading }).CountAsync());
            }
            await ShootAsync(page, "perception_score_report.png");
        }
        await SharedChecksAsync(Dir.Combine("out"), "perception_score");
    }

    [Fact]
    public async Task ConfidenceReportLoadsOfflineWithTheReliabilityRiskCoverageAndMetaModelFigures()
    {
        string conf = Path("conf");
        var outcome = await new PerceptionConfidenceJob().RunAsync(new PerceptionConfidenceOptions(System.IO.Path.Combine(conf, "annotations.json"), System.IO.Path.Combine(conf, "answers.json"),
            System.IO.Path.Combine(conf, "confidence.jsonl"), Dir.Combine("out")), Context(Dir), CancellationToken.None);
        Assert.True(outcome.Passed);
        var (playwright, browser) = await LaunchAsync();
        using (playwright)
        await using (browser)
        {
            var page = await OpenAsync(browser, Dir.Combine("out", "report.html"), []);
            var plotTitles = await page.EvaluateAsync<string[]>("Array.from(document.querySelectorAll('.plot svg')).map(s => s.textContent)");
            Assert.Equal(4, plotTitles.Length);
            Assert.Contains("Reliability diagram", plotTitles[0], StringComparison.Ordinal);
            Assert.Contains("Risk-coverage", plotTitles[1], StringComparison.Ordinal);
            Assert.Contains("Predicted vs true accuracy per task", plotTitles[2], StringComparison.Ordinal);
            Assert.Contains("Failure rate of the worst slices", plotTitles[3], StringComparison.Ordinal);
            await ShootAsync(page, "perception_confidence_report.png");
        }
        await SharedChecksAsync(Dir.Combine("out"), "perception_confidence");
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(d.FullName, "GapLens.slnx"))) return d.FullName;
        }
        return System.IO.Path.GetTempPath();
    }
}
