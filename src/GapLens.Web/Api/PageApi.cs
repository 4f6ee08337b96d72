using GapLens.Web.Assets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GapLens.Web.Api;

/// <summary>The three pages (Annotate at /, Review, Progress) and their scripts and styles, all from
/// the assembly; an asset is found by its exact name or not at all.</summary>
internal static class PageApi
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/", ctx => SendAsync(ctx, EmbeddedAssets.Get("annotate.html")));
        app.MapGet("/review", ctx => SendAsync(ctx, EmbeddedAssets.Get("review.html")));
        app.MapGet("/progress", ctx => SendAsync(ctx, EmbeddedAssets.Get("progress.html")));
        app.MapGet("/assets/{name}", ctx =>
        {
            var asset = ctx.GetRouteValue("name") is string name && !name.EndsWith(".html", StringComparison.Ordinal) ? EmbeddedAssets.Find(name) : null;
            return asset is null ? Respond.ProblemAsync(ctx, StatusCodes.Status404NotFound, "no such file") : SendAsync(ctx, asset);
        });
    }

    private static Task SendAsync(HttpContext ctx, EmbeddedAssets.Asset asset)
    {
        if (ctx.Request.Headers.IfNoneMatch == asset.ETag)
        {
            ctx.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        ctx.Response.ContentType = asset.ContentType;
        ctx.Response.Headers.ETag = asset.ETag;
        ctx.Response.Headers.CacheControl = "no-cache";
        return ctx.Response.Body.WriteAsync(asset.Bytes, ctx.RequestAborted).AsTask();
    }
}
