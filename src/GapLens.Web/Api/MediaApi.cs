using GapLens.IO.Files;
using GapLens.Judging.Human;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GapLens.Web.Api;

/// <summary>
/// Pictures and videos, by item id and kind only (first, final, last, video): the file is the one the
/// item's folder names, resolved with every symbolic link followed and served only if it lies inside
/// the outputs folder (the last frame: inside the frame cache). Anything else is 404, whatever the
/// URL holds (.., encoded traversal, an absolute path). Videos answer Range requests.
/// </summary>
internal static class MediaApi
{
    public static void Map(IEndpointRouteBuilder app, HumanScoring scoring, string outputsRoot, string framesRoot)
    {
        app.MapGet("/media/{id}/{kind}", async ctx =>
        {
            var item = scoring.Find(ctx.GetRouteValue("id") as string);
            var details = item is null ? null : scoring.Details(item);
            string kind = ctx.GetRouteValue("kind") as string ?? "";
            string? path = null, root = outputsRoot;
            if (item is not null && details is not null)
            {
                switch (kind)
                {
                    case "first": path = details.FirstFrame; break;
                    case "final": path = details.FinalFrame; break;
                    case "video": path = details.Video; break;
                    case "last":
                        path = await scoring.LastFrameAsync(item, ctx.RequestAborted).ConfigureAwait(false);
                        root = framesRoot;
                        break;
                }
            }
            string? real = path is null ? null : PathGuard.ResolveFileWithin(root, path);
            if (real is null)
            {
                await Respond.ProblemAsync(ctx, StatusCodes.Status404NotFound, "no such picture or video").ConfigureAwait(false);
                return;
            }
            string type = Path.GetExtension(real).ToLowerInvariant() switch
            {
                ".png" => "image/png",
                ".jpg" or ".jpeg" => "image/jpeg",
                ".mp4" => "video/mp4",
                ".webm" => "video/webm",
                _ => "application/octet-stream",
            };
            // No Last-Modified: when models ran at different times, the files' times would group the
            // blind items by model (a file result by path sets it from the file, so the file is streamed).
            FileStream stream;
            try
            {
                stream = new FileStream(real, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.Asynchronous);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await Respond.ProblemAsync(ctx, StatusCodes.Status404NotFound, "no such picture or video").ConfigureAwait(false);
                return;
            }
            await Results.Stream(stream, type, enableRangeProcessing: true).ExecuteAsync(ctx).ConfigureAwait(false);
        });
    }
}
