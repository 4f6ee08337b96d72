using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace GapLens.Web.Tests;

/// <summary>One browser session speaking the web app's API over real HTTP (cookies kept, the
/// anti-forgery value sent on every change).</summary>
internal sealed class ApiClient : IDisposable
{
    private static readonly JsonSerializerOptions Snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly HttpClient _http;
    private string? _csrf;

    public ApiClient(Uri baseAddress)
    {
        Cookies = new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _http;

    public async Task<string> CsrfAsync()
    {
        if (_csrf is null)
        {
            using var doc = JsonDocument.Parse(await _http.GetStringAsync("/api/session"));
            _csrf = doc.RootElement.GetProperty("csrf").GetString();
        }
        return _csrf!;
    }

    public async Task<HttpResponseMessage> PostAsync(string path, object body, string? csrf = null, string contentType = "application/json")
    {
        var req = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(body as string ?? JsonSerializer.Serialize(body, Snake), Encoding.UTF8),
        };
        req.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        req.Headers.Add("X-GapLens-Csrf", csrf ?? await CsrfAsync());
        return await _http.SendAsync(req);
    }

    public async Task<JsonElement> PostJsonAsync(string path, object body)
    {
        using var r = await PostAsync(path, body);
        string text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"POST {path}: {(int)r.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var r = await _http.GetAsync(path);
        string text = await r.Content.ReadAsStringAsync();
        Assert.True(r.IsSuccessStatusCode, $"GET {path}: {(int)r.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The next item's id for this session, or null when nothing is left.</summary>
    public async Task<string?> NextAsync(string annotator, string? release = null)
    {
        var r = await PostJsonAsync("/api/next", new { annotator, release });
        return r.GetProperty("item").ValueKind == JsonValueKind.Null ? null : r.GetProperty("item").GetProperty("id").GetString();
    }

    public Task<JsonElement> SubmitAsync(string item, string annotator, int? score, string comments = "", string? requestId = null) =>
        PostJsonAsync("/api/submit", new { item, annotator, score, unsure = score is null, comments, time_spent_ms = 1234, blind = true, request_id = requestId ?? Guid.NewGuid().ToString("N") });

    public void Dispose() => _http.Dispose();
}
