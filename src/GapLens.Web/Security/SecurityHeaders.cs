using Microsoft.AspNetCore.Http;

namespace GapLens.Web.Security;

/// <summary>
/// Headers on every response: a Content-Security-Policy that allows nothing from elsewhere (no inline
/// script or style either), no MIME sniffing, no framing, no referrer, and no caching of API answers.
/// </summary>
internal static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static Task ApplyAsync(HttpContext ctx, RequestDelegate next)
    {
        var h = ctx.Response.Headers;
        h.ContentSecurityPolicy = ContentSecurityPolicy;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h["Cross-Origin-Opener-Policy"] = "same-origin";
        h["Cross-Origin-Resource-Policy"] = "same-origin";
        h.CacheControl = ctx.Request.Path.StartsWithSegments("/media", StringComparison.Ordinal) ? "private, max-age=3600" : "no-store";
        return next(ctx);
    }
}
