using GapLens.Judging.Folders;
using GapLens.Judging.Human;
using Microsoft.Playwright;

namespace GapLens.Web.Tests;

/// <summary>
/// The Review and Progress pages in real Chromium, with a judge's score files beside the human answers;
/// a comment holding a script renders as text; a reviewer's score is a new submission. Screenshots of
/// the three pages are kept in TestResults/screenshots (docs/serve.md shows them).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReviewProgressBrowserTests(ChromiumFixture chromium)
{
    private const string Script = "<script>alert(1)</script> <img src=x onerror=alert(2)>";

    /// <summary>A judge that scored every item (3, or 1 for maze_0000), one item flagged needs_review.</summary>
    private static void WriteJudge(string evaluations)
    {
        foreach (string model in ServeHarness.Models)
        {
            foreach (string tt in ServeHarness.TaskTypes)
            {
                for (int t = 0; t < 2; t++)
                {
                    string id = $"{tt.Replace("_task", "", StringComparison.Ordinal)}_{t:0000}";
                    var item = new VmItem("exp1", model, tt, id, "", null, null, null, "", null);
                    bool odd = id == "maze_0000";
                    ScoreFiles.Write(ScoreFiles.PathFor(evaluations, "vision-eval", item, "vision-eval"),
                        new ScoreRecord("vision-eval", "exp1", model, tt, id, ScoreStatus.Completed, odd ? 1 : 3, odd ? "the path ends in a wall" : "about half of the path is right",
                            null, null, DateTimeOffset.Parse("2026-11-20T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
                            RawReply: odd ? "{\"solution_correctness_score\": 1, \"explanation\": \"the path ends in a wall\"}" : null,
                            FrameScores: odd ? [1, 4, 1] : null, FrameAgreement: odd ? 0.67 : null, NeedsReview: odd ? true : null));
                }
            }
        }
    }

    [Fact]
    public async Task ALongUnbrokenNameOrCommentWrapsInsteadOfPushingTheReviewColumnsOutOfView()
    {
        await using var s = await ServeHarness.StartAsync(prepare: (_, e) => WriteJudge(e));
        using var c = s.Client();
        string name = new('N', InputRules.MaxNameLength);
        var item = s.Scoring.Items[0];
        await c.SubmitAsync(item.Id, name, 2, new string('x', InputRules.MaxCommentLength));
        await using var ctx = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = s.Url.AbsoluteUri, ViewportSize = new ViewportSize { Width = 1360, Height = 1000 } });
        var page = await ctx.NewPageAsync();
        await page.GotoAsync("/review#" + item.Id);
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#d-log tbody tr').length === 1");
        // Every column of the list and of the item's answers fits its panel: nothing scrolls sideways.
        Assert.True(await page.EvaluateAsync<bool>("() => { const l = document.querySelector('.review-list'); return l.scrollWidth <= l.clientWidth + 1; }"),
            "the review list scrolls sideways");
        Assert.True(await page.EvaluateAsync<bool>("() => document.getElementById('d-log').offsetWidth <= document.getElementById('detail').clientWidth"),
            "the answers table is wider than its panel");
        // Short words stay whole: the source column reads "annotate" on one line.
        Assert.Equal("annotate", await page.TextContentAsync("#d-log tbody td:nth-child(5)"));
        Assert.Equal(1, await page.EvaluateAsync<int>("() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('#d-log tbody td:nth-child(5)')); return r.getClientRects().length; }"));
    }

    [Fact]
    public async Task AReviewerWithoutANameIsAskedForOneOnReviewItself()
    {
        await using var s = await ServeHarness.StartAsync(prepare: (_, e) => WriteJudge(e));
        var item = s.Scoring.Items[0];
        await using var ctx = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = s.Url.AbsoluteUri, ViewportSize = new ViewportSize { Width = 1360, Height = 1000 } });
        var page = await ctx.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        var answers = new Queue<string>(["", "Rosa"]);
        page.Dialog += (_, d) => d.AcceptAsync(answers.Dequeue());
        await page.GotoAsync("/review#" + item.Id);
        await page.WaitForSelectorAsync("#detail:not([hidden])");
        Assert.Equal("(asked when you add a score)", await page.TextContentAsync("#annotator-label"));
        await page.CheckAsync("#review-4");
        // No name given: nothing is sent, the page says why.
        await page.ClickAsync("#review-form button[type=submit]");
        await page.WaitForFunctionAsync("() => document.getElementById('r-status').textContent.length > 0");
        Assert.Empty(s.Scoring.LogOf(item));
        // A name: kept, and the score is added under it.
        await page.ClickAsync("#review-form button[type=submit]");
        await page.WaitForFunctionAsync("() => document.getElementById('r-status').textContent.startsWith('Added')");
        var added = Assert.Single(s.Scoring.LogOf(item));
        Assert.Equal(("Rosa", 4, SubmissionSource.Review), (added.Annotator, added.Score, added.Source));
        Assert.Equal("Rosa", await page.TextContentAsync("#annotator-label"));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ReviewRanksDisagreementShowsEveryAnswerAsTextAndAddsAReviewScoreAsANewSubmission()
    {
        await using var s = await ServeHarness.StartAsync(overlap: 2, prepare: (_, e) => WriteJudge(e));
        // Two annotators through the API: they disagree by 4 points on one item.
        using var ana = s.Client();
        using var ben = s.Client();
        var target = s.Scoring.Items.First(i => i.Key.TaskId == "maze_0000" && i.Key.Model == ServeHarness.Models[0]);
        foreach (var item in s.Scoring.Items)
        {
            bool t = item == target;
            await ana.SubmitAsync(item.Id, "Ana", t ? 5 : 3, t ? Script : "fine");
            await ben.SubmitAsync(item.Id, "Ben", t ? 1 : 3, t ? "" : "ok");
        }
        var errors = new List<string>();
        var dialogs = new List<string>();
        await using var ctx = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = s.Url.AbsoluteUri, ViewportSize = new ViewportSize { Width = 1440, Height = 1100 } });
        var page = await ctx.NewPageAsync();
        page.PageError += (_, e) => errors.Add(e);
        page.Dialog += (_, d) => { dialogs.Add(d.Message); d.DismissAsync(); };
        // The reviewer's name, as the Annotate page keeps it in this browser.
        await page.GotoAsync("/review");
        await page.EvaluateAsync("() => localStorage.setItem('gaplens.annotator', 'Rita')");
        await page.ReloadAsync();
        await page.WaitForSelectorAsync("#list tbody tr");
        // Ranked: the 4-point human disagreement first.
        Assert.Equal(target.Id, await page.GetAttributeAsync("#list tbody tr:first-child", "data-id"));
        Assert.Contains("humans disagree: 4 point(s)", await page.TextContentAsync("#list tbody tr:first-child"), StringComparison.Ordinal);
        await page.ClickAsync("#list tbody tr:first-child");
        await page.WaitForSelectorAsync("#detail:not([hidden])");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#d-log tbody tr').length === 2");
        // The comment is shown as typed, not run: no dialog, no element made from it.
        string log = (await page.TextContentAsync("#d-log"))!;
        Assert.Contains(Script, log, StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('#d-log script, #d-log img').length"));
        Assert.Contains("the path ends in a wall", await page.TextContentAsync("#d-judges"), StringComparison.Ordinal);
        Assert.Contains("needs review", await page.TextContentAsync("#d-judges"), StringComparison.Ordinal);
        Assert.Contains("1 (lower median of 2 annotator(s)' latest scores)", await page.TextContentAsync("#d-consensus"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("serve-review.png"), FullPage = true });

        // A review score with a note: one more submission, under the reviewer's name.
        await page.CheckAsync("#review-2");
        await page.FillAsync("#r-note", "the goal square is not reached");
        await page.ClickAsync("#review-form button[type=submit]");
        await page.WaitForFunctionAsync("() => document.getElementById('r-status').textContent.startsWith('Added')");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#d-log tbody tr').length === 3");
        var last = s.Scoring.LogOf(target)[^1];
        Assert.Equal(("Rita", 2, "the goal square is not reached", SubmissionSource.Review), (last.Annotator, last.Score, last.Comments, last.Source));
        Assert.Equal(3, s.Scoring.LogOf(target).Count);
        Assert.Equal(3, s.Scoring.LatestOf(target).Count);

        // Filters: only the other model's items.
        await page.SelectOptionAsync("#model", ServeHarness.Models[1]);
        await page.WaitForFunctionAsync("m => Array.from(document.querySelectorAll('#list tbody tr')).every(r => r.children[1].textContent === m)", ServeHarness.Models[1]);
        Assert.Empty(dialogs);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task ScreenshotsOfTheThreePagesWithProgressAndAgreement()
    {
        await using var s = await ServeHarness.StartAsync(overlap: 2, tasks: 3, prepare: (_, e) => WriteJudge(e));
        using var ana = s.Client();
        using var ben = s.Client();
        int k = 0;
        foreach (var item in s.Scoring.Items.Take(9))
        {
            int a = 1 + k % 5;
            await ana.SubmitAsync(item.Id, "Ana", a, k % 3 == 0 ? "the last move is illegal" : "");
            await ben.SubmitAsync(item.Id, "Ben", k % 4 == 0 ? Math.Min(5, a + 1) : a);
            k++;
        }
        await ben.SubmitAsync(s.Scoring.Items[10].Id, "Ben", null, "cannot see the goal marker");
        var errors = new List<string>();
        await using var ctx = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = s.Url.AbsoluteUri, ViewportSize = new ViewportSize { Width = 1360, Height = 1000 } });
        var page = await ctx.NewPageAsync();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync("/");
        await page.FillAsync("#name-input", "Cleo");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#item:not([hidden])");
        await page.WaitForFunctionAsync("() => document.getElementById('frame-info').textContent.startsWith('frame') && !document.getElementById('progress').hidden");
        await page.WaitForFunctionAsync("() => Array.from(document.images).filter(i => !i.hidden).every(i => i.complete && i.naturalWidth > 0)");
        await page.Keyboard.PressAsync("l");
        await page.Keyboard.PressAsync("4");
        await page.FillAsync("#comments", "the piece stops one square short");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("serve-annotate.png"), FullPage = true });

        await page.GotoAsync("/progress");
        await page.WaitForSelectorAsync("#report .metric");
        string text = await page.InnerTextAsync("#report");
        Assert.Contains("Krippendorff's alpha between humans (ordinal)", text, StringComparison.Ordinal);
        Assert.Contains("9 of 12 items complete (75.0%), 2 annotator(s) per item.", text, StringComparison.Ordinal);
        // The numbers are the report model's, formatted as the reports write them.
        var panel = (await s.Scoring.AgreementAsync(null, CancellationToken.None)).Panel;
        string alpha = GapLens.Core.Reports.NumberFormat.Fixed(3).Format(panel.AlphaOrdinal.Value);
        Assert.Equal(alpha, await page.TextContentAsync("[data-id=alpha_ordinal] .v"));
        Assert.Matches(@"^\[-?\d\.\d{3}, -?\d\.\d{3}\]$", (await page.TextContentAsync("[data-id=alpha_ordinal] .i"))!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ChromiumFixture.ScreenshotPath("serve-progress.png"), FullPage = true });
        Assert.Empty(errors);
    }
}
