using System.Globalization;
using GapLens.Judging.Folders;
using GapLens.Judging.Human;
using GapLens.Testing;
using Microsoft.Playwright;

namespace GapLens.Web.Tests;

/// <summary>
/// The Annotate page in real headless Chromium against the real server on 127.0.0.1, on a generated
/// experiment with real mp4s: keyboard-only scoring, going back, unsure, two annotators at once, frame
/// stepping, blind mode. Any script error on a page fails the test.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AnnotateBrowserTests(ChromiumFixture chromium)
{
    private readonly List<string> _errors = [];

    private async Task<IBrowserContext> ContextAsync(ServeHarness s) =>
        await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = s.Url.AbsoluteUri, ViewportSize = new ViewportSize { Width = 1360, Height = 1000 } });

    private async Task<IPage> OpenAsAsync(IBrowserContext ctx, string name)
    {
        var page = await ctx.NewPageAsync();
        page.PageError += (_, e) => _errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") _errors.Add(m.Text); };
        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("#name-input");
        await page.FillAsync("#name-input", name);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#item:not([hidden])");
        return page;
    }

    private static Task<string?> ItemIdAsync(IPage page) => page.GetAttributeAsync("#item", "data-id");

    /// <summary>Presses the keys, then Enter, and waits until the page moved on (another item, or "all done").</summary>
    private static async Task AnswerByKeyboardAsync(IPage page, string key)
    {
        string? before = await ItemIdAsync(page);
        await page.Keyboard.PressAsync(key);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForFunctionAsync("before => document.getElementById('item').dataset.id !== before || !document.getElementById('empty').hidden", before);
    }

    private void NoScriptErrors() => Assert.True(_errors.Count == 0, "script errors: " + string.Join(" | ", _errors));

    [Fact]
    public async Task AKeyboardOnlySessionScoresMarksUnsureAndGoingBackKeepsCountsAndBothSubmissions()
    {
        await using var s = await ServeHarness.StartAsync();
        await using var ctx = await ContextAsync(s);
        var page = await OpenAsAsync(ctx, "Kim");
        string first = (await ItemIdAsync(page))!;
        await AnswerByKeyboardAsync(page, "4");
        string second = (await ItemIdAsync(page))!;
        await AnswerByKeyboardAsync(page, "u");
        Assert.Equal("You: 2 item(s) answered (1 scored, 1 unsure)", await WaitForTextAsync(page, "#mine", "You: 2"));

        // Back twice with the arrow key: the first item, with the earlier answer shown.
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.WaitForFunctionAsync("id => document.getElementById('item').dataset.id === id", second);
        await page.Keyboard.PressAsync("ArrowLeft");
        await page.WaitForFunctionAsync("id => document.getElementById('item').dataset.id === id", first);
        Assert.True(await page.IsCheckedAsync("#score-4"));
        // Re-submit it as a 2: the counts do not change, both submissions are in the log.
        await AnswerByKeyboardAsync(page, "2");
        Assert.Equal(second, await ItemIdAsync(page));
        Assert.True(await page.IsCheckedAsync("#score-unsure"));
        await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForFunctionAsync("id => document.getElementById('item').dataset.id !== id", second);
        Assert.Equal("You: 2 item(s) answered (1 scored, 1 unsure)", await page.TextContentAsync("#mine"));

        var item = s.Scoring.Find(first)!;
        var log = s.Scoring.LogOf(item);
        Assert.Equal([4, 2], log.Select(x => x.Score!.Value));
        Assert.All(log, x => Assert.Equal("Kim", x.Annotator));
        Assert.All(log, x => Assert.True(x.Blind));
        Assert.Null(Assert.Single(s.Scoring.LogOf(s.Scoring.Find(second)!)).Score);
        var progress = s.Scoring.Progress();
        var kim = Assert.Single(progress.Annotators);
        Assert.Equal((3, 2, 1, 1, 1), (kim.Submissions, kim.Items, kim.Scores, kim.Unsure, kim.Resubmissions));
        Assert.Equal(1, progress.Overall.Complete);
        // The item's human-eval.json holds the latest answer, readable as VMEvalKit's format.
        await s.Scoring.FilesWrittenAsync();
        var file = ScoreFiles.Read(HumanConsensus.FilePath(s.Evaluations, item.Key));
        Assert.Equal((ScoreStatus.Completed, 2, "Kim"), (file.Status, file.Score, file.Annotator));
        var unsureFile = ScoreFiles.Read(HumanConsensus.FilePath(s.Evaluations, s.Scoring.Find(second)!.Key));
        Assert.Equal(ScoreStatus.Skipped, unsureFile.Status);
        NoScriptErrors();
    }

    [Fact]
    public async Task TwoAnnotatorsAtOnceNeverMoveEachOtherAndWithOverlapTwoBothScoresOfEveryItemAreKept()
    {
        await using var s = await ServeHarness.StartAsync(overlap: 2);
        await using var ctxA = await ContextAsync(s);
        await using var ctxB = await ContextAsync(s);
        var ana = await OpenAsAsync(ctxA, "Ana");
        var ben = await OpenAsAsync(ctxB, "Ben");
        int n = s.Scoring.Items.Length;
        var seenA = new List<string>();
        var seenB = new List<string>();
        for (int k = 0; k < n; k++)
        {
            string a = (await ItemIdAsync(ana))!, b = (await ItemIdAsync(ben))!;
            seenA.Add(a);
            seenB.Add(b);
            await AnswerByKeyboardAsync(ana, (1 + k % 5).ToString(CultureInfo.InvariantCulture));
            // Ana's answer did not move Ben.
            Assert.Equal(b, await ItemIdAsync(ben));
            await AnswerByKeyboardAsync(ben, (5 - k % 5).ToString(CultureInfo.InvariantCulture));
        }
        Assert.True(await ana.IsVisibleAsync("#empty"));
        Assert.True(await ben.IsVisibleAsync("#empty"));
        // Each saw every item once, in an order of their own.
        Assert.Equal(n, seenA.Distinct().Count());
        Assert.Equal(n, seenB.Distinct().Count());
        Assert.NotEqual(seenA, seenB);
        await s.Scoring.FilesWrittenAsync();
        foreach (var item in s.Scoring.Items)
        {
            var latest = s.Scoring.LatestOf(item);
            Assert.Equal(["Ana", "Ben"], latest.Select(x => x.Annotator));
            var file = ScoreFiles.Read(HumanConsensus.FilePath(s.Evaluations, item.Key));
            Assert.Equal(2, file.Annotations!.Count);
            Assert.Equal(HumanConsensus.LowerMedian(latest.Select(x => x.Score!.Value)), file.Score);
        }
        Assert.Equal(n, s.Scoring.Progress().Overall.Complete);
        NoScriptErrors();
    }

    [Fact]
    public async Task ACommentOfFourThousandEmojiIsAcceptedWholeAndTheCounterCountsAsTheServerDoes()
    {
        // The server allows 4,000 characters (code points). The textarea's maxlength counted UTF-16
        // units: 2,000 emoji filled it while the counter said 2000 / 4000.
        await using var s = await ServeHarness.StartAsync();
        await using var ctx = await ContextAsync(s);
        var page = await OpenAsAsync(ctx, "Emi");
        string emoji = string.Concat(Enumerable.Repeat("\U0001F600", InputRules.MaxCommentLength));
        await page.FillAsync("#comments", emoji + "\U0001F600\U0001F600");
        await page.DispatchEventAsync("#comments", "input");
        Assert.Equal("4000 / 4000", await page.TextContentAsync("#comment-count"));
        Assert.Equal(emoji, await page.InputValueAsync("#comments"));
        string? id = await ItemIdAsync(page);
        await page.EvalOnSelectorAsync("#comments", "e => e.blur()"); // keys typed in the box are text, not shortcuts
        await AnswerByKeyboardAsync(page, "3");
        var mine = Assert.Single(s.Scoring.LogOf(s.Scoring.Find(id!)!));
        Assert.Equal(("Emi", emoji), (mine.Annotator, mine.Comments));
        Assert.Empty(_errors);
    }

    [Fact]
    public async Task TwoTabsOfOneAnnotatorInOneBrowserGetItemsOfTheirOwnAndNeverScoreAnItemTwice()
    {
        await using var s = await ServeHarness.StartAsync(tasks: 3);
        await using var ctx = await ContextAsync(s);
        var tab1 = await OpenAsAsync(ctx, "Tia");
        // The second tab shares the cookie and the name (kept by the browser): no name asked.
        var tab2 = await ctx.NewPageAsync();
        tab2.PageError += (_, e) => _errors.Add(e);
        await tab2.GotoAsync("/");
        await tab2.WaitForSelectorAsync("#item:not([hidden])");
        var seen = new List<string>();
        for (int k = 0; k < 3; k++)
        {
            string a = (await ItemIdAsync(tab1))!, b = (await ItemIdAsync(tab2))!;
            Assert.NotEqual(a, b);
            seen.Add(a);
            seen.Add(b);
            await AnswerByKeyboardAsync(tab1, "3");
            await AnswerByKeyboardAsync(tab2, "4");
        }
        Assert.Equal(seen.Count, seen.Distinct().Count());
        // Each item answered once: nobody scored an item twice without going back to it.
        Assert.All(seen, id => Assert.Single(s.Scoring.LogOf(s.Scoring.Find(id)!)));
        // A reload keeps the tab's item.
        string held = (await ItemIdAsync(tab2))!;
        await tab2.ReloadAsync();
        await tab2.WaitForSelectorAsync("#item:not([hidden])");
        Assert.Equal(held, await ItemIdAsync(tab2));
        NoScriptErrors();
    }

    [Fact]
    public async Task AnItemWithoutAVideoOrWithADamagedOneSaysSoInsteadOfABlackBoxOrABrokenImage()
    {
        static string Run(string outputs, string task) => Path.Combine(outputs, "exp1", ServeHarness.Models[0], "maze_task", task, "run_0");
        await using var s = await ServeHarness.StartAsync(prepare: (dir, _) =>
        {
            string outputs = dir.Combine("outputs");
            Directory.Delete(Path.Combine(Run(outputs, "maze_0000"), "video"), true);
            File.WriteAllBytes(Path.Combine(Run(outputs, "maze_0001"), "video", "generated.mp4"), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);
        });
        var missing = s.Scoring.Items.Single(i => i.Key.Model == ServeHarness.Models[0] && i.Key.TaskId == "maze_0000");
        var damaged = s.Scoring.Items.Single(i => i.Key.Model == ServeHarness.Models[0] && i.Key.TaskId == "maze_0001");
        var good = s.Scoring.Items.First(i => i.Key.Model == ServeHarness.Models[1]);
        await using var ctx = await ContextAsync(s);
        var page = await ctx.NewPageAsync();
        page.PageError += (_, e) => _errors.Add(e);
        await page.GotoAsync("/progress");
        // This tab has been handed the three items (its history), the one without a video shown.
        await page.EvaluateAsync("ids => { localStorage.setItem('gaplens.annotator', 'Vi'); sessionStorage.setItem('gaplens.history.Vi', JSON.stringify({ ids, pos: 0 })); }",
            new[] { missing.Id, damaged.Id, good.Id });
        await page.GotoAsync("/");
        await page.WaitForFunctionAsync("id => document.getElementById('item').dataset.id === id", missing.Id);
        Assert.True(await page.IsVisibleAsync("#no-video"));
        Assert.StartsWith("No video in this item's folder", await page.TextContentAsync("#no-video"), StringComparison.Ordinal);
        Assert.False(await page.IsVisibleAsync("#video"));
        Assert.False(await page.IsVisibleAsync("#video-controls"));
        Assert.Equal("No video, so no last frame.", await page.TextContentAsync("#no-last"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("serve-annotate-no-video.png"), FullPage = true });

        await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForFunctionAsync("id => document.getElementById('item').dataset.id === id", damaged.Id);
        await page.WaitForFunctionAsync("() => !document.getElementById('no-last').hidden");
        Assert.StartsWith("The video's last frame cannot be read", await page.TextContentAsync("#no-last"), StringComparison.Ordinal);
        Assert.False(await page.IsVisibleAsync("#last-frame-img"));
        await page.WaitForFunctionAsync("() => !document.getElementById('no-video').hidden");
        Assert.StartsWith("This video cannot be played", await page.TextContentAsync("#no-video"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("serve-annotate-damaged-video.png"), FullPage = true });
        // On a good item everything shows again.
        await page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForFunctionAsync("id => document.getElementById('item').dataset.id === id", good.Id);
        await page.WaitForFunctionAsync("() => document.getElementById('frame-info').textContent.startsWith('frame')");
        Assert.True(await page.IsVisibleAsync("#video"));
        Assert.False(await page.IsVisibleAsync("#no-video"));
        Assert.False(await page.IsVisibleAsync("#no-last"));
        NoScriptErrors();
    }

    [Fact]
    public async Task FrameSteppingMovesOneFrameAndLLandsOnTheLastFrame()
    {
        await using var s = await ServeHarness.StartAsync();
        await using var ctx = await ContextAsync(s);
        var page = await OpenAsAsync(ctx, "Fay");
        await page.WaitForFunctionAsync("() => document.getElementById('frame-info').textContent.startsWith('frame') && document.getElementById('video').readyState >= 2");
        double fps = VmExperiment.Fps;

        var (t0, f0) = await StepAsync(page, ".");
        var (t1, f1) = await StepAsync(page, ".");
        // currentTime is kept to the microsecond: one frame is 0.1 s here.
        Assert.InRange(t1 - t0, 1 / fps - 1e-5, 1 / fps + 1e-5);
        Assert.Equal(1, f0);
        Assert.Equal(2, f1);

        var (tl, fl) = await StepAsync(page, "l");
        Assert.Equal(VmExperiment.Frames - 1, fl);
        Assert.InRange(tl, (VmExperiment.Frames - 1) / fps, VmExperiment.Frames / fps);
        var (tb, fb) = await StepAsync(page, ",");
        Assert.InRange(tb - tl, -1 / fps - 1e-5, -1 / fps + 1e-5);
        Assert.Equal(VmExperiment.Frames - 2, fb);
        Assert.Contains($"frame {VmExperiment.Frames - 1} / {VmExperiment.Frames}", await page.TextContentAsync("#frame-info"), StringComparison.Ordinal);
        NoScriptErrors();
    }

    /// <summary>Presses a key, waits for the seek to finish, returns currentTime and which frame is on
    /// screen (read from the centre pixel: frame i is grey level 20 + 10 i).</summary>
    private static async Task<(double Time, int Frame)> StepAsync(IPage page, string key)
    {
        await page.Keyboard.PressAsync(key);
        await page.WaitForFunctionAsync("() => { const v = document.getElementById('video'); return !v.seeking && v.readyState >= 2; }");
        // One more frame of the page, so the picture on screen is the seeked one.
        var r = await page.EvaluateAsync<double[]>("""
            () => new Promise(done => requestAnimationFrame(() => {
              const v = document.getElementById('video');
              const c = document.createElement('canvas');
              c.width = v.videoWidth; c.height = v.videoHeight;
              const g = c.getContext('2d');
              g.drawImage(v, 0, 0);
              done([v.currentTime, g.getImageData(c.width / 2, c.height / 2, 1, 1).data[0]]);
            }))
            """);
        // Full-range RGB of limited-range luma Y: (Y - 16) * 255 / 219.
        double y = r[1] * 219 / 255 + 16;
        return (r[0], (int)Math.Round((y - 20) / 10));
    }

    [Fact]
    public async Task BlindByDefaultThePageNamesNoModelAndTheToggleRevealsIt()
    {
        await using var s = await ServeHarness.StartAsync();
        await using var ctx = await ContextAsync(s);
        var page = await OpenAsAsync(ctx, "Bo");
        await page.WaitForFunctionAsync("() => !document.getElementById('progress').hidden");
        string text = await page.InnerTextAsync("body");
        foreach (string model in ServeHarness.Models) Assert.DoesNotContain(model, text, StringComparison.Ordinal);
        Assert.Contains("model hidden", text, StringComparison.Ordinal);
        string id = (await ItemIdAsync(page))!;
        string model0 = s.Scoring.Find(id)!.Key.Model;

        await page.CheckAsync("#reveal");
        await page.WaitForFunctionAsync("m => document.getElementById('item-model').textContent === 'model: ' + m", model0);
        await page.WaitForFunctionAsync("m => document.body.innerText.includes('model ' + m)", ServeHarness.Models.First(m => m != model0));
        // An answer given with the name shown is recorded as not blind.
        await AnswerByKeyboardAsync(page, "3");
        Assert.False(Assert.Single(s.Scoring.LogOf(s.Scoring.Find(id)!)).Blind);
        // The choice is kept in this browser.
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#item:not([hidden])");
        Assert.True(await page.IsCheckedAsync("#reveal"));
        NoScriptErrors();
    }

    [Fact]
    public async Task AnAnnotatorsPageHasNoLinkToReviewOrProgressAndTheReviewerLinkBringsThemBack()
    {
        const string token = "tok-0123456789abcdef", review = "rev-0123456789abcdef";
        await using var s = await ServeHarness.StartAsync(token: token, reviewToken: review);
        await using var ctx = await ContextAsync(s);
        var page = await ctx.NewPageAsync();
        page.PageError += (_, e) => _errors.Add(e);
        await page.GotoAsync($"/?token={token}");
        await page.WaitForSelectorAsync("#name-input");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('nav a').length === 1");
        Assert.Equal(["Annotate"], await page.Locator("nav a").AllInnerTextsAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("serve-annotate-annotator-nav.png") });
        var refused = await page.GotoAsync("/progress");
        Assert.Equal(403, refused!.Status);
        Assert.Contains("open the reviewer link printed by gaplens serve", await page.InnerTextAsync("body"), StringComparison.Ordinal);
        await page.ClickAsync("text=Back to Annotate");
        await page.WaitForSelectorAsync("#name-input");

        await page.GotoAsync($"/review?token={review}");
        await page.WaitForURLAsync("**/review");
        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("#name-input");
        // The page's own session request has answered once this one (cached by the page) does.
        Assert.True(await page.EvaluateAsync<bool>("async () => (await GL.session()).reviewer"));
        Assert.Equal(["Annotate", "Review", "Progress"], await page.Locator("nav a").AllInnerTextsAsync());
        NoScriptErrors();
    }

    [Fact]
    public async Task ATabWhoseHistoryNamesItemsThisServerDoesNotHaveStartsAfreshInsteadOfABlankPage()
    {
        await using var s = await ServeHarness.StartAsync();
        await using var ctx = await ContextAsync(s);
        var page = await ctx.NewPageAsync();
        page.PageError += (_, e) => _errors.Add(e);
        await page.GotoAsync("/progress");
        // Ids of another evaluations folder once served at this address.
        await page.EvaluateAsync("() => { localStorage.setItem('gaplens.annotator', 'Dee'); sessionStorage.setItem('gaplens.history.Dee', JSON.stringify({ ids: ['0123456789ab', 'ba9876543210'], pos: 1 })); }");
        await page.GotoAsync("/");
        await page.WaitForSelectorAsync("#item:not([hidden])");
        string? id = await ItemIdAsync(page);
        Assert.NotNull(s.Scoring.Find(id));
        Assert.Equal("item 1 of 1 in this tab", await page.TextContentAsync("#position"));
        NoScriptErrors();
    }

    private static async Task<string> WaitForTextAsync(IPage page, string selector, string prefix)
    {
        await page.WaitForFunctionAsync("([s, p]) => (document.querySelector(s).textContent || '').startsWith(p)", new[] { selector, prefix });
        return (await page.TextContentAsync(selector))!;
    }
}
