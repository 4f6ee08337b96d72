using System.Globalization;
using GapLens.IO.Documents.Serve;
using GapLens.Judging.Folders;
using GapLens.Judging.Human;
using GapLens.Web.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GapLens.Web.Api;

/// <summary>
/// The Review page's API: items ranked by disagreement (filterable by model and task type), one item
/// with every submission, the consensus and every judge's file (explanation and raw reply), and a
/// reviewer's score with a note, appended as one more submission (never an edit).
/// </summary>
internal static class ReviewApi
{
    private const int MaxRows = 500;

    public static void Map(IEndpointRouteBuilder app, HumanScoring scoring)
    {
        var models = scoring.Items.Select(i => i.Key.Model).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var taskTypes = scoring.Items.Select(i => i.Key.TaskType).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        app.MapGet("/api/review", async ctx =>
        {
            string? model = Filter(ctx, "model", models);
            string? taskType = Filter(ctx, "task_type", taskTypes);
            var (entries, total) = await scoring.ReviewAsync(model, taskType, MaxRows, ctx.RequestAborted).ConfigureAwait(false);
            await Respond.JsonAsync(ctx, new ReviewListDocument(total, [.. models], [.. taskTypes], [.. entries.Select(Row)])).ConfigureAwait(false);
        });

        app.MapGet("/api/review/{id}", async ctx =>
        {
            if (await AnnotateApi.ItemOrNotFoundAsync(ctx, scoring).ConfigureAwait(false) is not { } item) return;
            var judges = await scoring.JudgesAsync(ctx.RequestAborted).ConfigureAwait(false);
            var latest = scoring.LatestOf(item);
            int? consensus = HumanConsensus.LowerMedian(latest.Where(s => s.Score is not null).Select(s => s.Score!.Value));
            string consensusText = consensus is { } c
                ? string.Create(CultureInfo.InvariantCulture, $"{c} (lower median of {latest.Count(s => s.Score is not null)} annotator(s)' latest scores)")
                : latest.Count > 0 ? "none: every annotator marked it unsure" : "none yet";
            await Respond.JsonAsync(ctx, new ReviewItemDocument(ItemViews.Item(item, scoring.Details(item)!, revealModel: true, null), consensusText,
                [.. scoring.LogOf(item).Select(ItemViews.Submission)], [.. judges.Of(item.Key).Select(Judge)])).ConfigureAwait(false);
        });

        app.MapPost("/api/review/{id}", async ctx =>
        {
            if (await Respond.ReadAsync<SubmissionRequestDocument>(ctx).ConfigureAwait(false) is not { } req) return;
            await AnnotateApi.SubmitAsync(ctx, scoring, ctx.GetRouteValue("id") as string ?? "", req with { Blind = false }, SubmissionSource.Review).ConfigureAwait(false);
        });
    }

    /// <summary>A filter value, which must be one of the known names (anything else is ignored, not echoed).</summary>
    private static string? Filter(HttpContext ctx, string name, List<string> known) =>
        ctx.Request.Query[name].Count == 1 && ctx.Request.Query[name][0] is { Length: > 0 } v && known.Contains(v) ? v : null;

    private static ReviewRowDocument Row(ReviewEntry e)
    {
        var why = new List<string>();
        if (e.JudgeGap is > 0) why.Add($"judge vs humans: {e.JudgeGap} point(s)");
        if (e.HumanSpread is > 0) why.Add($"humans disagree: {e.HumanSpread} point(s)");
        if (e.JudgeFlagged) why.Add("judge flagged (needs_review or failed)");
        if (e.UnsureAnswers > 0) why.Add($"{e.UnsureAnswers} unsure");
        if (e.Latest.Length == 0) why.Add("no human score yet");
        string humans = e.Latest.Length == 0 ? "none" : string.Join(", ", e.Latest.Select(s => $"{s.Annotator} {ItemViews.Answer(s.Score)}"));
        string judges = e.Judges.Length == 0 ? "none" : string.Join(", ", e.Judges.Select(j => $"{j.Evaluator} {Status(j)}{(j.NeedsReview == true ? " (needs review)" : "")}"));
        return new ReviewRowDocument(e.Item.Id, e.Item.Key.Model, e.Item.Key.TaskType, e.Item.Key.TaskId, e.Disagreement, why.Count == 0 ? "agree" : string.Join("; ", why), humans, judges);
    }

    private static string Status(ScoreRecord r) => r.Status switch
    {
        ScoreStatus.Completed => r.Score!.Value.ToString(CultureInfo.InvariantCulture),
        ScoreStatus.Skipped => "skipped",
        _ => "failed",
    };

    private static JudgeDocument Judge(ScoreRecord r) => new(r.Evaluator, r.Status.ToString().ToLowerInvariant(), r.Score, r.Explanation, r.RawReply, r.Error, r.NeedsReview,
        r.FrameScores is { } fs ? string.Join(", ", fs) : null, ItemViews.Time(r.Timestamp));
}
