using Microsoft.Playwright;

namespace GapLens.Jobs.Tests.Browser;

/// <summary>
/// Opens a generated page in real headless Chromium (Debian's /usr/bin/chromium through Playwright)
/// and runs the checks every report must pass: no request leaves the file, every image decodes, no
/// element overflows the page or its card, no two texts of a chart overlap (legend vs axis labels vs
/// tick labels). Keeps a full-page screenshot in TestResults/screenshots/ and hands the page to the
/// caller for checks of its own.
/// </summary>
internal static class ReportBrowser
{
    /// <summary>Elements whose content must stay inside them (cards, boxes); each pair is (container, offending element).</summary>
    private const string OverflowScript = """
        () => {
          const bad = [];
          if (document.documentElement.scrollWidth > window.innerWidth + 1) bad.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + window.innerWidth);
          document.querySelectorAll('figure, .metric, .verdict, .callout, .plot, main > section').forEach(c => {
            const r = c.getBoundingClientRect();
            c.querySelectorAll('*').forEach(e => {
              if (e.closest('.tablewrap') && e.closest('.tablewrap') !== c && c.contains(e.closest('.tablewrap'))) return;
              const b = e.getBoundingClientRect();
              if (b.width === 0 && b.height === 0) return;
              if (b.left < r.left - 1 || b.right > r.right + 1) bad.push((c.className || c.tagName) + ' > ' + e.tagName + ' ' + (e.textContent || '').slice(0, 40) + ': ' + Math.round(b.left) + '..' + Math.round(b.right) + ' outside ' + Math.round(r.left) + '..' + Math.round(r.right));
            });
          });
          // Text overflowing a fixed-size box (a long path in a "missing image" box) shows in scrollWidth, not in any element's box.
          document.querySelectorAll('figure *, .metric *, .verdict, .callout').forEach(e => {
            const st = getComputedStyle(e);
            if (st.overflowX === 'auto' || st.overflowX === 'scroll' || e.tagName === 'svg' || e.closest('svg')) return;
            if (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0) bad.push('text overflows ' + e.tagName + '.' + e.className + ': ' + (e.textContent || '').slice(0, 60));
          });
          document.querySelectorAll('.tablewrap').forEach(w => { if (w.scrollWidth > w.clientWidth + 1) bad.push('table scrolls sideways: ' + (w.querySelector('table') || w).id); });
          return bad.slice(0, 20);
        }
        """;

    /// <summary>Pairs of SVG texts within one chart whose boxes intersect (more than a pixel each way), and texts cut off by the chart's edge.</summary>
    private const string OverlapScript = """
        () => {
          const bad = [];
          document.querySelectorAll('.plot svg').forEach(svg => {
            const texts = Array.from(svg.querySelectorAll('text')).filter(t => t.textContent.trim().length > 0).map(t => ({ t: t.textContent.trim(), b: t.getBoundingClientRect() }));
            const box = svg.getBoundingClientRect();
            texts.forEach(x => { if (x.b.top < box.top - 1 || x.b.bottom > box.bottom + 1 || x.b.left < box.left - 1 || x.b.right > box.right + 1) bad.push(svg.closest('.plot').id + ': "' + x.t + '" is cut off by the chart\'s edge'); });
            for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
              const a = texts[i].b, c = texts[j].b;
              const w = Math.min(a.right, c.right) - Math.max(a.left, c.left), h = Math.min(a.bottom, c.bottom) - Math.max(a.top, c.top);
              if (w > 1 && h > 1) bad.push(svg.closest('.plot').id + ': "' + texts[i].t + '" overlaps "' + texts[j].t + '"');
            }
          });
          return bad.slice(0, 20);
        }
        """;

    public static async Task OpenAsync(string htmlPath, string screenshotName, Func<IPage, Task>? more = null, int width = 1200)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = 900 } });
        var requests = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        await page.GotoAsync(new Uri(htmlPath).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.All(requests, u => Assert.True(u.StartsWith("data:", StringComparison.Ordinal) || u == new Uri(htmlPath).AbsoluteUri, $"request leaves the page: {u}"));
        var undecoded = await page.EvaluateAsync<string[]>("Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.alt)");
        Assert.Empty(undecoded);
        var overflow = await page.EvaluateAsync<string[]>(OverflowScript);
        Assert.Empty(overflow);
        var overlaps = await page.EvaluateAsync<string[]>(OverlapScript);
        Assert.Empty(overlaps);
        if (more is not null) await more(page);

        string shots = Path.Combine(RepoRoot(), "TestResults", "screenshots");
        Directory.CreateDirectory(shots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, screenshotName + ".png"), FullPage = true });
    }

    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "GapLens.slnx"))) return d.FullName;
        }
        return Path.GetTempPath();
    }
}
