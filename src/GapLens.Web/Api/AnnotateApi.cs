using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Reports;
using GapLens.IO.Documents.Serve;
using GapLens.Judging.Human;
using GapLens.Web.Security;
using GapLens.Web.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GapLens.Web.Api;

/// <summary>
/// The Annotate page's API: the session (anti-forgery value, scale), the next item of this browser's
/// session, an item (blind unless revealed; never other people's answers or judge scores), its video
/// timing, a submission, and progress. Each handler parses, calls the scoring service once, answers.
/// </summary>
internal static class AnnotateApi
{
    public static void Map(IEndpointRouteBuilder app, HumanScoring scoring, SessionKeys keys)
    {
        // Which items each browser session was shown with the model name: an answer to such an item is
        // recorded as not blind whatever the page says (the page's blind flag is its own claim).
        var revealed = new ConcurrentDictionary<(string Session, int Item), byte>();
        void NoteReveal(HttpContext ctx, HumanItem item)
        {
            if (Reveal(ctx)) revealed.TryAdd((AccessGate.SessionOf(ctx), item.Index), 0);
        }

        app.MapGet("/api/session", ctx => Respond.JsonAsync(ctx, new SessionDocument(keys.Csrf(AccessGate.SessionOf(ctx)), scoring.Items.Length, scoring.Overlap, Rubric.Levels, AccessGate.IsReviewer(ctx))));

        app.MapPost("/api/next", async ctx =>
        {
            if (await Respond.ReadAsync<NextRequestDocument>(ctx).ConfigureAwait(false) is not { } req) return;
            // The browser's session, and the tab within it: two tabs of one annotator hold items of their own.
            string session = InputRules.Token(req.Tab, "tab") is { } tab ? AccessGate.SessionOf(ctx) + "/" + tab : AccessGate.SessionOf(ctx);
            var next = await scoring.NextAsync(req.Annotator, session, req.Release, ctx.RequestAborted).ConfigureAwait(false);
            bool reveal = Reveal(ctx);
            if (next.Item is { } shown) NoteReveal(ctx, shown);
            await Respond.JsonAsync(ctx, new NextDocument(
                next.Item is { } item ? ItemViews.Item(item, scoring.Details(item)!, reveal, Yours(ctx, keys, scoring, item, InputRules.Name(req.Annotator))) : null, next.Message)).ConfigureAwait(false);
        });

        app.MapGet("/api/items/{id}", async ctx =>
        {
            if (await ItemOrNotFoundAsync(ctx, scoring).ConfigureAwait(false) is not { } item) return;
            string? annotator = ctx.Request.Query["annotator"].Count == 1 ? InputRules.Name(ctx.Request.Query["annotator"][0]) : null;
            NoteReveal(ctx, item);
            await Respond.JsonAsync(ctx, ItemViews.Item(item, scoring.Details(item)!, Reveal(ctx), annotator is null ? null : Yours(ctx, keys, scoring, item, annotator))).ConfigureAwait(false);
        });

        app.MapGet("/api/items/{id}/timing", async ctx =>
        {
            if (await ItemOrNotFoundAsync(ctx, scoring).ConfigureAwait(false) is not { } item) return;
            var (timing, error) = await scoring.TimingAsync(item, ctx.RequestAborted).ConfigureAwait(false);
            if (timing is null)
            {
                await Respond.ProblemAsync(ctx, StatusCodes.Status422UnprocessableEntity, $"the video's frames cannot be read: {error}").ConfigureAwait(false);
                return;
            }
            await Respond.JsonAsync(ctx, new TimingDocument(timing.Fps, timing.Frames, timing.FirstFrameTime, timing.LastFrameTime, timing.Duration)).ConfigureAwait(false);
        });

        app.MapPost("/api/submit", async ctx =>
        {
            if (await Respond.ReadAsync<SubmissionRequestDocument>(ctx).ConfigureAwait(false) is not { } req) return;
            bool shownModel = scoring.Find(req.Item) is { } item && revealed.ContainsKey((AccessGate.SessionOf(ctx), item.Index));
            await SubmitAsync(ctx, scoring, req.Item ?? "", shownModel ? req with { Blind = false } : req, SubmissionSource.Annotate).ConfigureAwait(false);
        });

        app.MapGet("/api/progress", ctx =>
        {
            string? annotator = ctx.Request.Query["annotator"].Count == 1 ? InputRules.Name(ctx.Request.Query["annotator"][0]) : null;
            return Respond.JsonAsync(ctx, Summary(scoring.Progress(), annotator, Reveal(ctx)));
        });
    }

    /// <summary>
    /// The annotator's latest answer on the item, to show when they come back to it. A name is typed, not
    /// signed in: when reviewers are kept apart (an access token is in use), an annotator's session sees
    /// only answers this browser session gave, so typing a colleague's name does not show their answers.
    /// </summary>
    private static HumanSubmission? Yours(HttpContext ctx, SessionKeys keys, HumanScoring scoring, HumanItem item, string annotator)
    {
        var latest = scoring.LatestOf(item, annotator);
        bool othersHidden = keys.ReviewerRequired && !AccessGate.IsReviewer(ctx);
        return latest is not null && othersHidden && latest.Session != AccessGate.SessionOf(ctx) ? null : latest;
    }

    /// <summary>Appends a submission (Annotate or Review) and answers with its id, 404 for an unknown
    /// item, 400 for a bad value (via the caller's handler), 503 when it could not be saved.</summary>
    public static async Task SubmitAsync(HttpContext ctx, HumanScoring scoring, string itemId, SubmissionRequestDocument req, SubmissionSource source)
    {
        HumanSubmission? saved;
        try
        {
            saved = await scoring.SubmitAsync(new SubmissionInput(itemId, req.Annotator, req.Score, req.Unsure, req.Comments, req.TimeSpentMs, req.Blind,
                AccessGate.SessionOf(ctx), source, req.RequestId), ctx.RequestAborted).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            await Respond.ProblemAsync(ctx, StatusCodes.Status503ServiceUnavailable, ex.Message).ConfigureAwait(false);
            return;
        }
        if (saved is null)
        {
            await Respond.ProblemAsync(ctx, StatusCodes.Status404NotFound, "no such item").ConfigureAwait(false);
            return;
        }
        await Respond.JsonAsync(ctx, new SavedDocument(saved.Id, ItemViews.Time(saved.SubmittedUtc))).ConfigureAwait(false);
    }

    /// <summary>The item named by the route, if it exists and its folder holds a run; otherwise 404.</summary>
    public static async Task<HumanItem?> ItemOrNotFoundAsync(HttpContext ctx, HumanScoring scoring)
    {
        if (scoring.Find(ctx.GetRouteValue("id") as string) is { } item && scoring.Details(item) is not null) return item;
        await Respond.ProblemAsync(ctx, StatusCodes.Status404NotFound, "no such item").ConfigureAwait(false);
        return null;
    }

    private static bool Reveal(HttpContext ctx) => ctx.Request.Query["reveal"] == "1";

    private static ProgressSummaryDocument Summary(ScoringProgress p, string? annotator, bool reveal)
    {
        var count = NumberFormat.Count;
        ProgressRowDocument Row(GroupProgress g) => new(g.Name, $"{count.Format(g.Complete)} / {count.Format(g.Items)}", g.Items == 0 ? 0 : (double)g.Complete / g.Items);
        var mine = annotator is null ? null : p.Annotators.FirstOrDefault(a => a.Annotator == annotator);
        string mineText = mine is null
            ? "You have not answered any item yet."
            : string.Create(CultureInfo.InvariantCulture, $"You: {count.Format(mine.Items)} item(s) answered ({count.Format(mine.Scores)} scored, {count.Format(mine.Unsure)} unsure)");
        return new ProgressSummaryDocument(Row(p.Overall) with { Name = "Items complete" }, [.. p.ByTaskType.Select(Row)],
            reveal ? [.. p.ByModel.Select(Row)] : (ImmutableArray<ProgressRowDocument>?)null,
            mineText, mine?.Items ?? 0, mine?.Scores ?? 0, mine?.Unsure ?? 0, p.Overall.Complete, p.Overall.Items);
    }
}
