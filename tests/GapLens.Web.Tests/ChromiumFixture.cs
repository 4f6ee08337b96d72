using Microsoft.Playwright;

namespace GapLens.Web.Tests;

/// <summary>Debian's Chromium (/usr/bin/chromium, installed by test.sh), headless, driven by
/// Playwright; one browser for the browser tests (each test opens its own contexts).</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    /// <summary>Where screenshots are kept: TestResults/screenshots at the repository root.</summary>
    public static string ScreenshotPath(string name)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "GapLens.slnx")))
            {
                string dir = Path.Combine(d.FullName, "TestResults", "screenshots");
                Directory.CreateDirectory(dir);
                return Path.Combine(dir, name);
            }
        }
        return Path.Combine(Path.GetTempPath(), name);
    }
}
