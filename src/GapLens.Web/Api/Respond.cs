using System.Net;
using System.Text;
using System.Text.Json;
using GapLens.IO.Documents.Serve;
using GapLens.IO.Json;
using Microsoft.AspNetCore.Http;

namespace GapLens.Web.Api;

/// <summary>Reading requests and writing answers: JSON through GapLens' one serializer, bodies read up
/// to a limit, refusals as one line (JSON for the API, a short page for a browser).</summary>
internal static class Respond
{
    /// <summary>The largest request body read (a 4,000-character comment fits with room to spare).</summary>
    public const int MaxBody = 64 * 1024;

    public static Task JsonAsync<T>(HttpContext ctx, T document, int status = StatusCodes.Status200OK)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        return ctx.Response.Body.WriteAsync(GapLensJson.Serialize(document, indented: false), ctx.RequestAborted).AsTask();
    }

    public static Task ProblemAsync(HttpContext ctx, int status, string message)
    {
        if (ctx.Response.HasStarted) return Task.CompletedTask;
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) || ctx.Request.Method != HttpMethods.Get)
        {
            return JsonAsync(ctx, new ProblemDocument(status, message), status);
        }
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        string title = $"{status} {ReasonPhrase(status)}";
        return ctx.Response.WriteAsync(
            $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>GapLens: {title}</title></head><body><h1>{title}</h1><p>{WebUtility.HtmlEncode(message)}</p>" +
            (status is 403 or 404 ? "<p><a href=\"/\">Back to Annotate</a></p>" : "") + "</body></html>\n",
            Encoding.UTF8, ctx.RequestAborted);
    }

    private static string ReasonPhrase(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        503 => "Service Unavailable",
        _ => "Error",
    };

    /// <summary>
    /// The JSON body as <typeparamref name="T"/>, or null after answering 413 (too large) or 400
    /// (not JSON, not an object, a member of the wrong type), naming the problem.
    /// </summary>
    public static async Task<T?> ReadAsync<T>(HttpContext ctx)
        where T : class
    {
        if (ctx.Request.ContentLength is > MaxBody)
        {
            await ProblemAsync(ctx, StatusCodes.Status413PayloadTooLarge, $"request body larger than {MaxBody / 1024} KiB").ConfigureAwait(false);
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int n;
        while ((n = await ctx.Request.Body.ReadAsync(chunk, ctx.RequestAborted).ConfigureAwait(false)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > MaxBody)
            {
                await ProblemAsync(ctx, StatusCodes.Status413PayloadTooLarge, $"request body larger than {MaxBody / 1024} KiB").ConfigureAwait(false);
                return null;
            }
        }
        try
        {
            var value = GapLensJson.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
            if (value is not null) return value;
            await ProblemAsync(ctx, StatusCodes.Status400BadRequest, "the body must be a JSON object").ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            bool wrongType = ex.Message.Contains("could not be converted", StringComparison.Ordinal);
            string message = !wrongType ? $"malformed JSON: {FirstSentence(ex.Message)}"
                : ex.Path is { Length: > 2 } p ? $"{p[2..]} has the wrong type (score: an integer 1-5 or null; unsure and blind: true or false; time_spent_ms: an integer; the rest: text)"
                : "the body must be a JSON object";
            await ProblemAsync(ctx, StatusCodes.Status400BadRequest, message).ConfigureAwait(false);
        }
        return null;
    }

    private static string FirstSentence(string message)
    {
        int cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }
}
