using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace GapLens.Web.Tests;

/// <summary>
/// What a hostile or careless client gets from the real server over HTTP on 127.0.0.1: traversal and
/// symlinks out of the outputs folder are 404, a missing or wrong token 401, a missing or wrong
/// anti-forgery value 403, oversized or malformed input 400/413 with a clear message, and every answer
/// carries a CSP with no external source.
/// </summary>
public sealed class SecurityTests
{
    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient http, string path)
    {
        using var r = await http.GetAsync(path);
        return (r.StatusCode, await r.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MediaAreServedByItemIdOnlyAndEverythingElseIs404()
    {
        await using var s = await ServeHarness.StartAsync(prepare: (dir, _) => File.WriteAllText(dir.Combine("secret.txt"), "top secret"));
        using var c = s.Client();
        var item = s.Scoring.Items[0];
        // A symbolic link out of the outputs folder, put where an item's video should be.
        var linked = s.Scoring.Items[1];
        File.Delete(s.Scoring.Details(linked)!.Video!);
        File.CreateSymbolicLink(s.Scoring.Details(linked)!.Video!, s.Dir.Combine("secret.txt"));
        var linkedFrame = s.Scoring.Items[2];
        File.Delete(s.Scoring.Details(linkedFrame)!.FirstFrame!);
        File.CreateSymbolicLink(s.Scoring.Details(linkedFrame)!.FirstFrame!, "/etc/passwd");

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(c.Http, $"/media/{item.Id}/first")).Status);
        foreach (string path in new[]
        {
            "/media/../../etc/passwd",
            "/media/%2e%2e/%2e%2e/etc/passwd",
            "/media/..%2f..%2fetc%2fpasswd/video",
            $"/media/{item.Id}/..%2f..%2f..%2fsecret.txt",
            $"/media/{item.Id}/%2e%2e%2fvideo",
            "/media/%2Fetc%2Fpasswd/first",
            $"/media/{item.Id}/{Uri.EscapeDataString(s.Dir.Combine("secret.txt"))}",
            $"/media/{item.Id}/prompt",
            $"/media/{item.Id.ToUpperInvariant()}/first",
            "/media/000000000000/video",
            $"/media/{linked.Id}/video",
            $"/media/{linkedFrame.Id}/first",
            $"/media/{s.Scoring.Items.First(i => s.Scoring.Details(i)!.FinalFrame is null).Id}/final",
            "/assets/..%2f..%2fGapLens.Web.dll",
            "/assets/annotate.html",
        })
        {
            var (status, body) = await GetAsync(c.Http, path);
            Assert.True(status == HttpStatusCode.NotFound, $"{path}: {(int)status}");
            Assert.DoesNotContain("top secret", body, StringComparison.Ordinal);
            Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AVideoLinkedFromOutsideTheOutputsFolderIsNeitherProbedNorGivesItsLastFrame()
    {
        await using var s = await ServeHarness.StartAsync();
        using var c = s.Client();
        // A real video outside the outputs folder, linked where an item's video should be.
        var linked = s.Scoring.Items[1];
        string video = s.Scoring.Details(linked)!.Video!;
        string outside = s.Dir.Combine("private.mp4");
        File.Move(video, outside);
        File.CreateSymbolicLink(video, outside);

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(c.Http, $"/media/{linked.Id}/last")).Status);
        var (status, body) = await GetAsync(c.Http, $"/api/items/{linked.Id}/timing");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("not a file inside the outputs folder", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(c.Http, $"/media/{linked.Id}/video")).Status);
        // The item next to it, inside the folder, is served as before.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(c.Http, $"/media/{s.Scoring.Items[0].Id}/last")).Status);
    }

    [Fact]
    public async Task AnUnreadableVideoIsNamedRelativeToTheOutputsFolderNotByItsAbsolutePath()
    {
        await using var s = await ServeHarness.StartAsync();
        using var c = s.Client();
        var item = s.Scoring.Items[0];
        string video = s.Scoring.Details(item)!.Video!;
        File.WriteAllText(video, "not a video");

        var (status, body) = await GetAsync(c.Http, $"/api/items/{item.Id}/timing");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("the video's frames cannot be read", body, StringComparison.Ordinal);
        string relative = JsonSerializer.Serialize(Path.GetRelativePath(s.Outputs, video)).Trim('"');
        Assert.Contains(relative, body, StringComparison.Ordinal);
        Assert.DoesNotContain(JsonSerializer.Serialize(s.Outputs).Trim('"'), body, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Dir.Path, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VideosAnswerRangeRequests()
    {
        await using var s = await ServeHarness.StartAsync();
        using var c = s.Client();
        var item = s.Scoring.Items[0];
        long size = new FileInfo(s.Scoring.Details(item)!.Video!).Length;
        using var req = new HttpRequestMessage(HttpMethod.Get, $"/media/{item.Id}/video");
        req.Headers.Range = new RangeHeaderValue(10, 19);
        using var r = await c.Http.SendAsync(req);
        Assert.Equal(HttpStatusCode.PartialContent, r.StatusCode);
        Assert.Equal("video/mp4", r.Content.Headers.ContentType!.MediaType);
        Assert.Equal($"bytes 10-19/{size}", r.Content.Headers.ContentRange!.ToString());
        Assert.Equal(File.ReadAllBytes(s.Scoring.Details(item)!.Video!).AsSpan(10, 10).ToArray(), await r.Content.ReadAsByteArrayAsync());
        using var last = await c.Http.GetAsync($"/media/{item.Id}/last");
        Assert.Equal("image/png", last.Content.Headers.ContentType!.MediaType);
        Assert.Equal((byte)0x89, (await last.Content.ReadAsByteArrayAsync())[0]);
    }

    [Fact]
    public async Task OffLoopbackATokenIsRequiredAndTheLinkSetsAnHttpOnlyStrictCookie()
    {
        const string token = "tok-0123456789abcdef";
        await using var s = await ServeHarness.StartAsync(token: token);
        using var c = s.Client();
        var item = s.Scoring.Items[0];
        foreach (string path in new[] { "/", "/review", "/progress", "/api/session", "/assets/app.js", "/assets/app.css", $"/media/{item.Id}/video", "/api/progress" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(c.Http, path)).Status);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(c.Http, "/?token=tok-0123456789abcdeX")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(c.Http, "/?token=")).Status);
        using (var post = new HttpRequestMessage(HttpMethod.Post, "/api/next") { Content = new StringContent("{}", Encoding.UTF8, "application/json") })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await c.Http.SendAsync(post)).StatusCode);
        }

        using var login = await c.Http.GetAsync($"/review?token={token}");
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/review", login.Headers.Location!.OriginalString);
        string cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("gaplens_session=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(token, cookie, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(c.Http, "/review")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(c.Http, $"/media/{item.Id}/first")).Status);
        Assert.NotNull(await c.NextAsync("Tao"));

        // A forged cookie (another session id with a made-up signature) is refused.
        using var forger = s.Client();
        forger.Cookies.Add(s.Url, new Cookie("gaplens_session", "AAAAAAAAAAAAAAAAAAAAAA.AAAAAAAAAAAAAAAAAAAAAA"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(forger.Http, "/api/session")).Status);
        // An open redirect through the login link is not possible.
        using var evil = await s.Client().Http.GetAsync(new Uri($"{s.Url.AbsoluteUri.TrimEnd('/')}//evil.example/?token={token}"));
        Assert.Equal("/evil.example/", evil.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task WithAReviewerTokenAnnotatorsScoreButCannotOpenReviewOrProgress()
    {
        const string token = "tok-0123456789abcdef", review = "rev-0123456789abcdef";
        await using var s = await ServeHarness.StartAsync(token: token, reviewToken: review);
        string[] reviewerOnly = ["/review", "/progress", "/api/review", $"/api/review/{s.Scoring.Items[0].Id}", "/api/report/progress", "/REVIEW"];

        using var annotator = s.Client();
        Assert.Equal(HttpStatusCode.SeeOther, (await GetAsync(annotator.Http, $"/?token={token}")).Status);
        foreach (string path in reviewerOnly)
        {
            var (status, body) = await GetAsync(annotator.Http, path);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains("open the reviewer link printed by gaplens serve", body, StringComparison.Ordinal);
        }
        Assert.False((await annotator.GetJsonAsync("/api/session")).GetProperty("reviewer").GetBoolean());
        string? item = await annotator.NextAsync("Tao");
        Assert.NotNull(item);
        using (var post = await annotator.PostAsync($"/api/review/{item}", new { annotator = "Tao", score = 5, note = "peek", requestId = "r1" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(annotator.Http, "/api/progress")).Status);

        // A forged reviewer mark on a real annotator session is not a reviewer's.
        string cookie = annotator.Cookies.GetCookies(s.Url)["gaplens_session"]!.Value;
        using var forger = s.Client();
        forger.Cookies.Add(s.Url, new Cookie("gaplens_session", cookie + ".AAAAAAAAAAAAAAAAAAAAAA"));
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(forger.Http, "/review")).Status);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(forger.Http, "/api/session")).Status);

        // The reviewer link makes the same browser session a reviewer's: the pages open.
        using var login = await annotator.Http.GetAsync($"/review?token={review}");
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        Assert.Equal("/review", login.Headers.Location!.OriginalString);
        string reviewerCookie = annotator.Cookies.GetCookies(s.Url)["gaplens_session"]!.Value;
        Assert.StartsWith(cookie.Split('.')[0] + ".", reviewerCookie, StringComparison.Ordinal);
        foreach (string path in reviewerOnly)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(annotator.Http, path)).Status);
        }
        Assert.True((await annotator.GetJsonAsync("/api/session")).GetProperty("reviewer").GetBoolean());

        // A name is typed, not signed in: another annotator who types "Tao" does not see Tao's answer,
        // the browser that gave it does, and so does a reviewer.
        await annotator.SubmitAsync(item!, "Tao", 2, "Tao's own comment");
        using var other = s.Client();
        Assert.Equal(HttpStatusCode.SeeOther, (await GetAsync(other.Http, $"/?token={token}")).Status);
        var seenByOther = await other.GetJsonAsync($"/api/items/{item}?annotator=Tao");
        Assert.Equal(JsonValueKind.Null, seenByOther.GetProperty("yours").ValueKind);
        Assert.DoesNotContain("Tao's own comment", seenByOther.GetRawText(), StringComparison.Ordinal);
        Assert.Equal("Tao's own comment", (await annotator.GetJsonAsync($"/api/items/{item}?annotator=Tao")).GetProperty("yours").GetProperty("comments").GetString());
        string? own = await other.NextAsync("Ana");
        await other.SubmitAsync(own!, "Ana", 4, "Ana's note");
        Assert.Equal("Ana's note", (await other.GetJsonAsync($"/api/items/{own}?annotator=Ana")).GetProperty("yours").GetProperty("comments").GetString());

        // Another server on the same store with another reviewer token: annotator sessions stay, reviewer rights end.
        await using var next = await new ScoringWebHost { Resamples = 200 }.StartAsync(s.Scoring, new GapLens.Jobs.Serve.ServeEndpoint("127.0.0.1", 0, token, "rev-other-0123456789"),
            new GapLens.IO.Logging.RunLog(TextWriter.Null, GapLens.IO.Logging.LogLevel.Error), CancellationToken.None);
        using var again = new ApiClient(next.Address);
        again.Cookies.Add(next.Address, new Cookie("gaplens_session", reviewerCookie));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(again.Http, "/api/session")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(again.Http, "/review")).Status);
    }

    [Fact]
    public async Task AnAnswerToAnItemShownWithItsModelIsRecordedAsNotBlindWhateverThePageSays()
    {
        await using var s = await ServeHarness.StartAsync();
        using var c = s.Client();
        string? shown = await c.NextAsync("Ola");
        Assert.NotNull(shown);
        var revealed = await c.GetJsonAsync($"/api/items/{shown}?reveal=1");
        Assert.Contains(revealed.GetProperty("model").GetString(), ServeHarness.Models);
        await c.SubmitAsync(shown!, "Ola", 3); // the page claims blind = true
        Assert.False(s.Scoring.LogOf(s.Scoring.Find(shown)!)[^1].Blind);
        // An item never shown with its model keeps the page's blind mark; another session's reveal does not count.
        string? blind = await c.NextAsync("Ola");
        Assert.NotNull(blind);
        using var other = s.Client();
        Assert.NotNull((await other.GetJsonAsync($"/api/items/{blind}?reveal=1")).GetProperty("model").GetString());
        await c.SubmitAsync(blind!, "Ola", 4);
        Assert.True(s.Scoring.LogOf(s.Scoring.Find(blind)!)[^1].Blind);
    }

    [Fact]
    public async Task MediaCarryNoFileTimesThatWouldGroupBlindItemsByModel()
    {
        await using var s = await ServeHarness.StartAsync();
        using var c = s.Client();
        var item = s.Scoring.Items[0];
        foreach (string kind in new[] { "video", "first" })
        {
            using var r = await c.Http.GetAsync($"/media/{item.Id}/{kind}");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.Null(r.Content.Headers.LastModified);
            Assert.Null(r.Headers.ETag);
        }
    }

    [Fact]
    public async Task APathThatLooksLikeAFileNameGetsTheSame404AsAnyOther()
    {
        await using var s = await ServeHarness.StartAsync();
        using var c = s.Client();
        foreach (string path in new[] { "/favicon.ico", "/index.html", "/progress.html", "/nothing-here" })
        {
            var (status, body) = await GetAsync(c.Http, path);
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Contains("Back to Annotate", body, StringComparison.Ordinal);
        }
        var (apiStatus, apiBody) = await GetAsync(c.Http, "/API/x.y");
        Assert.Equal(HttpStatusCode.NotFound, apiStatus);
        Assert.Equal("not found", JsonDocument.Parse(apiBody).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task WithoutATokenOnlyRequestsAddressedToLocalhostAreAnswered()
    {
        await using var s = await ServeHarness.StartAsync();
        using var c = s.Client();
        using var req = new HttpRequestMessage(HttpMethod.Get, "/api/session");
        req.Headers.Host = "attacker.example:" + s.Url.Port;
        using var r = await c.Http.SendAsync(req);
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Contains("localhost only", await r.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangesNeedTheSessionsAntiForgeryValueJsonAndNoForeignOrigin()
    {
        await using var s = await ServeHarness.StartAsync();
        using var c = s.Client();
        string item = (await c.NextAsync("Ida"))!;
        var body = new { item, annotator = "Ida", score = 3, unsure = false, comments = "" };
        await AssertRefusedAsync(await c.PostAsync("/api/submit", body, csrf: "wrong-value"), HttpStatusCode.Forbidden, "anti-forgery");
        await AssertRefusedAsync(await c.PostAsync("/api/submit", body, csrf: ""), HttpStatusCode.Forbidden, "anti-forgery");
        // Another session's value does not work in this one.
        using var other = s.Client();
        await AssertRefusedAsync(await c.PostAsync("/api/submit", body, csrf: await other.CsrfAsync()), HttpStatusCode.Forbidden, "anti-forgery");
        await AssertRefusedAsync(await c.PostAsync("/api/submit", "item=x", contentType: "application/x-www-form-urlencoded"), HttpStatusCode.UnsupportedMediaType, "JSON");
        using (var req = new HttpRequestMessage(HttpMethod.Post, "/api/submit") { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") })
        {
            req.Headers.Add("X-GapLens-Csrf", await c.CsrfAsync());
            req.Headers.Add("Origin", "http://evil.example");
            await AssertRefusedAsync(await c.Http.SendAsync(req), HttpStatusCode.Forbidden, "another site");
        }
        // Without a session cookie at all.
        using var bare = new HttpClient { BaseAddress = s.Url };
        using (var req = new HttpRequestMessage(HttpMethod.Post, "/api/submit") { Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json") })
        {
            req.Headers.Add("X-GapLens-Csrf", await c.CsrfAsync());
            await AssertRefusedAsync(await bare.SendAsync(req), HttpStatusCode.Forbidden, "no session");
        }
        Assert.Empty(s.Scoring.LogOf(s.Scoring.Find(item)!));
        await c.SubmitAsync(item, "Ida", 3);
        Assert.Single(s.Scoring.LogOf(s.Scoring.Find(item)!));
    }

    [Fact]
    public async Task BadInputGets400WithAClearMessageAndNothingIsRecorded()
    {
        await using var s = await ServeHarness.StartAsync();
        using var c = s.Client();
        string item = (await c.NextAsync("Ida"))!;
        object Body(string? annotator = "Ida", object? score = null, bool unsure = false, string comments = "", long? spent = 10) =>
            new { item, annotator, score = score ?? 3, unsure, comments, time_spent_ms = spent };
        var cases = new (object Body, string Message)[]
        {
            (Body(comments: new string('x', 4001)), "comments must be at most 4,000 characters, got 4,001"),
            (Body(comments: string.Concat(Enumerable.Repeat("😀", 4001))), "comments must be at most 4,000 characters, got 4,001"),
            (Body(comments: "a\u0000b"), "comments may hold text, line breaks and tabs only; it contains U+0000"),
            (Body(annotator: new string('n', 65)), "annotator name must be 1-64 printable characters, got 65"),
            (Body(annotator: "   "), "annotator name must be 1-64 printable characters, got 0"),
            (Body(annotator: null), "annotator name must be 1-64 printable characters, got 0"),
            (Body(annotator: "Ida\u0007"), "annotator name must be 1-64 printable characters; it contains U+0007"),
            (Body(annotator: "I\nda"), "annotator name must be 1-64 printable characters; it contains U+000A"),
            (Body(score: 7), "score must be an integer 1-5 (or mark the item unsure), got 7"),
            (Body(score: 0), "score must be an integer 1-5 (or mark the item unsure), got 0"),
            (Body(unsure: true), "a submission is a score 1-5 or \"unsure\", not both"),
            (Body(spent: -5), "time_spent_ms must be 0-86400000 (one day), got -5"),
            (Body(score: "4"), "score has the wrong type"),
            (Body(score: 4.5), "score has the wrong type"),
            ("{\"item\": \"" + item + "\", \"annotator\": \"Ida\", \"score\": 3", "malformed JSON"),
            ("[1, 2, 3]", "the body must be a JSON object"),
            ("null", "the body must be a JSON object"),
            ("{\"item\": \"x\", \"item\": \"y\"}", "malformed JSON"),
            (new { item, annotator = "Ida", score = 3, request_id = "a/b" }, "request_id must be 8-64 letters, digits, '-' or '_'"),
        };
        foreach (var (body, message) in cases)
        {
            using var r = await c.PostAsync("/api/submit", body);
            string text = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{message}: {(int)r.StatusCode} {text}");
            string error = JsonDocument.Parse(text).RootElement.GetProperty("error").GetString()!;
            Assert.Contains(message, error, StringComparison.Ordinal);
            Assert.DoesNotContain("System.", error, StringComparison.Ordinal);
        }
        await AssertRefusedAsync(await c.PostAsync("/api/submit", new { item, annotator = "Ida", score = 3, comments = new string('x', 100_000) }), HttpStatusCode.RequestEntityTooLarge, "larger than 64 KiB");
        await AssertRefusedAsync(await c.PostAsync("/api/submit", new { item = "0123456789ab", annotator = "Ida", score = 3 }), HttpStatusCode.NotFound, "no such item");
        await AssertRefusedAsync(await c.PostAsync("/api/next", new { annotator = "" }), HttpStatusCode.BadRequest, "annotator name");
        Assert.Empty(s.Scoring.LogOf(s.Scoring.Find(item)!));
        // The limits themselves are accepted: 64 characters of name, 4,000 of comment, a script as text.
        string name = string.Concat(Enumerable.Repeat("Ünï", 21)) + "x";
        await c.SubmitAsync(item, name, 2, new string('y', 3000) + "\n\t<script>alert(1)</script>" + new string('z', 973));
        var saved = Assert.Single(s.Scoring.LogOf(s.Scoring.Find(item)!));
        Assert.Equal(name, saved.Annotator);
        Assert.Equal(4000, saved.Comments.Length);
    }

    [Fact]
    public async Task EveryAnswerCarriesACspWithoutExternalSourcesAndNoSniff()
    {
        await using var s = await ServeHarness.StartAsync();
        using var c = s.Client();
        foreach (string path in new[] { "/", "/review", "/progress", "/assets/annotate.js", "/api/session", "/nope", $"/media/{s.Scoring.Items[0].Id}/first" })
        {
            using var r = await c.Http.GetAsync(path);
            string csp = r.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("http", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.False(r.Headers.Contains("Server"));
        }
        // The pages load nothing from elsewhere and run no inline script; scripts never parse server text as HTML.
        foreach (string page in new[] { "/", "/review", "/progress" })
        {
            string html = await c.Http.GetStringAsync(page);
            Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
            Assert.DoesNotMatch("<script>|<script [^>]*>[^<]|style=", html);
        }
        foreach (string js in new[] { "common.js", "annotate.js", "review.js", "progress.js" })
        {
            string code = await c.Http.GetStringAsync("/assets/" + js);
            Assert.DoesNotMatch("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|eval\\(|new Function", code);
        }
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage r, HttpStatusCode expected, string message)
    {
        using (r)
        {
            string text = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode == expected, $"expected {(int)expected}, got {(int)r.StatusCode}: {text}");
            Assert.Contains(message, text, StringComparison.Ordinal);
        }
    }
}
