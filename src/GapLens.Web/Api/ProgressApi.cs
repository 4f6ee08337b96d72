using GapLens.Jobs.Serve;
using GapLens.Judging.Human;
using GapLens.Web.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace GapLens.Web.Api;

/// <summary>The Progress page's API: the progress report (counts and agreement so far), built by
/// <see cref="ProgressReportBuilder"/> and written by the report model's number formats.</summary>
internal static class ProgressApi
{
    public static void Map(IEndpointRouteBuilder app, HumanScoring scoring, int resamples)
    {
        app.MapGet("/api/report/progress", async ctx =>
        {
            string? evaluator = ctx.Request.Query["evaluator"].Count == 1 ? ctx.Request.Query["evaluator"][0] : null;
            var (panel, judge) = await scoring.AgreementAsync(evaluator, ctx.RequestAborted).ConfigureAwait(false);
            var report = ProgressReportBuilder.Build(scoring.Progress(), panel, judge, resamples);
            await Respond.JsonAsync(ctx, PageReports.From(report)).ConfigureAwait(false);
        });
    }
}
