using GapLens.Jobs.VcnAoi;
using GapLens.IO.Logging;
using GapLens.Testing;
using Microsoft.Playwright;
using SkiaSharp;

namespace GapLens.Jobs.Tests.VcnAoi;

/// <summary>
/// Opens the generated report.html in real headless Chromium (Debian's /usr/bin/chromium, driven by
/// Playwright; test.sh installs it) and checks what a reader gets: no request leaves the file, every
/// thumbnail decodes, the plots carry their titles. A full-page screenshot is kept in
/// TestResults/screenshots/ as the test's artifact.
/// </summary>
public sealed class RcaReportBrowserTests : TempDirTest
{
    private static void DrawPart(string path, SKColor body, bool withPart)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var surface = SKSurface.Create(new SKImageInfo(96, 64));
        surface.Canvas.Clear(new SKColor(30, 90, 50));
        using var paint = new SKPaint { Color = body };
        if (withPart) surface.Canvas.DrawRect(20, 16, 56, 32, paint);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    private async Task<string> MakeRun()
    {
        var csv = new System.Text.StringBuilder("input_path,object_name,label,siamese_score\n");
        var rng = new Random(3);
        for (int i = 0; i < 40; i++)
        {
            string label = i % 4 == 0 ? "MISSING" : i % 7 == 0 ? "BRIDGE" : "PASS";
            double score = label == "PASS" ? rng.NextDouble() * 0.6 : 0.4 + rng.NextDouble() * 0.6;
            if (i == 5) score = 0.99; // the weakest PASS sample, so it is in the spot check
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"b{i % 3},U{i:00},{label},{score:R}\n");
            // The image of row 5 is left out on purpose: the report must list it, not fail.
            if (i != 5) DrawPart(Dir.Combine("media", $"b{i % 3}", $"U{i:00}_top.png"), SKColors.DimGray, label != "MISSING");
        }
        Directory.CreateDirectory(Dir.Combine("inf"));
        File.WriteAllText(Dir.Combine("inf", "inference.csv"), csv.ToString());
        File.WriteAllText(Dir.Combine("train.yaml"), "dataset:\n  classify:\n    input_map: {top: 0, side: 1}\n    image_ext: .png\n");
        var options = new AoiOptions(Dir.Combine("inf"), Dir.Combine("train.yaml"), Dir.Combine("media"), -1, 1.0, 5, Dir.Combine("out"));
        var outcome = await new VcnAoiJob().RunAsync(options, JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path), CancellationToken.None);
        Assert.True(outcome.Passed);
        return Dir.Combine("out", "report.html");
    }

    [Fact]
    public async Task ReportLoadsOfflineInChromiumWithItsImagesAndPlots()
    {
        string html = await MakeRun();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var requests = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        await page.GotoAsync(new Uri(html).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        // Only the file itself is fetched: images are data: URIs, plots are inline SVG, CSS is inline.
        Assert.All(requests, u => Assert.True(u.StartsWith("file://", StringComparison.Ordinal) || u.StartsWith("data:", StringComparison.Ordinal), $"external request: {u}"));
        Assert.Single(requests, u => u.StartsWith("file://", StringComparison.Ordinal));

        int images = await page.EvaluateAsync<int>("document.images.length");
        Assert.True(images >= 8, $"expected the spot-check thumbnails, found {images} images");
        bool allDecoded = await page.EvaluateAsync<bool>("Array.from(document.images).every(i => i.complete && i.naturalWidth === 128 && i.naturalHeight === 128)");
        Assert.True(allDecoded);
        Assert.Equal(1, await page.Locator("figure .missing").CountAsync());

        var plotTitles = await page.EvaluateAsync<string[]>("Array.from(document.querySelectorAll('.plot svg')).map(s => s.textContent)");
        Assert.Equal(3, plotTitles.Length);
        Assert.Contains("Score distribution per class", plotTitles[0], StringComparison.Ordinal);
        Assert.Contains("Precision, recall and F1 against the threshold", plotTitles[1], StringComparison.Ordinal);
        Assert.Contains("Precision-recall curve", plotTitles[2], StringComparison.Ordinal);
        foreach (string heading in new[] { "1. Verdict", "2. Threshold Selection", "3. Weakness Distribution", "4. Top-K Weakest Samples", "5. Visual Spot Check", "6. Per-Label Breakdown", "7. Recommended Actions" })
        {
            Assert.Equal(1, await page.Locator("h2", new PageLocatorOptions { HasTextString = heading }).CountAsync());
        }

        string shots = Path.Combine(RepoRoot(), "TestResults", "screenshots");
        Directory.CreateDirectory(shots);
        string shot = Path.Combine(shots, "rca_report.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
        Assert.True(new FileInfo(shot).Length > 50_000);
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "GapLens.slnx"))) return d.FullName;
        }
        return Path.GetTempPath();
    }
}
