using GapLens.Web.Api;
using Microsoft.AspNetCore.Http;

namespace GapLens.Web.Security;

/// <summary>
/// Who may use the server. With an access token (required off loopback): the annotator opens the link
/// with <c>?token=</c> once, gets an HttpOnly SameSite=Strict session cookie and is redirected to the
/// same page without the token; any request without a valid cookie gets 401. Without a token (loopback
/// only): a browser gets its session cookie on its first page, and only requests addressed to
/// localhost are answered (a page on another site that resolves its name to 127.0.0.1 is refused).
/// Every change (POST) also needs the session's anti-forgery value in the X-GapLens-Csrf header, a
/// JSON body, and no foreign Origin. With a reviewer token too (serve sets one whenever there is an
/// access token), the Review and Progress pages and their API, which show model names, judge scores and
/// other annotators' answers, answer only sessions opened with the reviewer link: annotators score
/// blind and cannot look.
/// </summary>
internal sealed class AccessGate(SessionKeys keys)
{
    public const string SessionItem = "gaplens.session";
    public const string ReviewerItem = "gaplens.reviewer";

    private static readonly TimeSpan CookieLife = TimeSpan.FromDays(30);

    /// <summary>The session id the gate admitted the request with.</summary>
    public static string SessionOf(HttpContext ctx) => (string)ctx.Items[SessionItem]!;

    /// <summary>Whether the request's session may use Review and Progress.</summary>
    public static bool IsReviewer(HttpContext ctx) => ctx.Items[ReviewerItem] is true;

    /// <summary>The pages and API for reviewers only: they show model names, judge scores and other annotators' answers.</summary>
    public static bool IsReviewPath(PathString path) =>
        path.StartsWithSegments("/review", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/progress", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/review", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/api/report", StringComparison.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var req = ctx.Request;
        if (!keys.TokenRequired && !IsLocalHost(req.Host))
        {
            await Respond.ProblemAsync(ctx, StatusCodes.Status403Forbidden, "this server answers on localhost only (start it with --host and a token to open it to other machines)").ConfigureAwait(false);
            return;
        }
        var (session, reviewer) = keys.Verify(req.Cookies[SessionKeys.CookieName]);
        if (keys.TokenRequired && req.Query.TryGetValue("token", out var tokenValues))
        {
            string? given = tokenValues.Count == 1 ? tokenValues[0] : null;
            bool asReviewer = keys.ReviewTokenMatches(given);
            if (!HttpMethods.IsGet(req.Method) || !(asReviewer || keys.TokenMatches(given)))
            {
                await Unauthorized(ctx, "the access token in the link is not this server's").ConfigureAwait(false);
                return;
            }
            // The reviewer link makes this browser's session (the same one, if it has one) a reviewer's;
            // the annotators' link leaves a session as it is.
            if (session is null || (asReviewer && !reviewer)) IssueCookie(ctx, out _, asReviewer, session);
            // The token leaves the address bar (and the history) at once.
            ctx.Response.StatusCode = StatusCodes.Status303SeeOther;
            ctx.Response.Headers.Location = "/" + req.Path.ToUriComponent().TrimStart('/');
            return;
        }
        if (session is null)
        {
            if (keys.TokenRequired)
            {
                await Unauthorized(ctx, "open the link printed by gaplens serve (it holds the access token)").ConfigureAwait(false);
                return;
            }
            if (!HttpMethods.IsGet(req.Method) && !HttpMethods.IsHead(req.Method))
            {
                await Respond.ProblemAsync(ctx, StatusCodes.Status403Forbidden, "no session: load the page first").ConfigureAwait(false);
                return;
            }
            IssueCookie(ctx, out session, reviewer: false, id: null);
            reviewer = !keys.ReviewerRequired;
        }
        if (!HttpMethods.IsGet(req.Method) && !HttpMethods.IsHead(req.Method))
        {
            if (req.Headers.Origin is { Count: > 0 } origin && !SameOrigin(origin.ToString(), req))
            {
                await Respond.ProblemAsync(ctx, StatusCodes.Status403Forbidden, "requests from another site are refused").ConfigureAwait(false);
                return;
            }
            if (!keys.CsrfMatches(session, req.Headers[SessionKeys.CsrfHeader].Count == 1 ? req.Headers[SessionKeys.CsrfHeader][0] : null))
            {
                await Respond.ProblemAsync(ctx, StatusCodes.Status403Forbidden, "missing or wrong anti-forgery value (reload the page)").ConfigureAwait(false);
                return;
            }
            if (req.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                await Respond.ProblemAsync(ctx, StatusCodes.Status415UnsupportedMediaType, "send JSON (Content-Type: application/json)").ConfigureAwait(false);
                return;
            }
        }
        if (!reviewer && IsReviewPath(req.Path))
        {
            await Respond.ProblemAsync(ctx, StatusCodes.Status403Forbidden,
                "the Review and Progress pages are for reviewers (they show model names, judge scores and other annotators' answers): open the reviewer link printed by gaplens serve").ConfigureAwait(false);
            return;
        }
        ctx.Items[SessionItem] = session;
        ctx.Items[ReviewerItem] = reviewer;
        await next(ctx).ConfigureAwait(false);
    }

    private void IssueCookie(HttpContext ctx, out string session, bool reviewer, string? id)
    {
        (session, string cookie) = keys.NewSession(reviewer, id);
        ctx.Response.Cookies.Append(SessionKeys.CookieName, cookie, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            MaxAge = CookieLife,
            Secure = ctx.Request.IsHttps,
            IsEssential = true,
        });
    }

    private static Task Unauthorized(HttpContext ctx, string message) => Respond.ProblemAsync(ctx, StatusCodes.Status401Unauthorized, message);

    private static bool IsLocalHost(HostString host) => host.Host is "127.0.0.1" or "localhost" or "[::1]" or "::1";

    private static bool SameOrigin(string origin, HttpRequest req) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var o) && string.Equals(o.Authority, req.Host.Value, StringComparison.OrdinalIgnoreCase)
        && string.Equals(o.Scheme, req.Scheme, StringComparison.OrdinalIgnoreCase);
}
