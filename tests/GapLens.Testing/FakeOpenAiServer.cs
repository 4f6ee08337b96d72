using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GapLens.Testing;

/// <summary>
/// An OpenAI-compatible chat endpoint on 127.0.0.1 (real HTTP, Kestrel) for tests: GET /v1/models and
/// POST /v1/chat/completions answering from a script of replies and faults, recording every request.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    /// <summary>One scripted answer: a status code (200 = a completion with this content), an optional
    /// Retry-After, and a delay before answering (a hang when longer than the client's timeout).</summary>
    public sealed record Reply(int Status, string Content = "", double? RetryAfterSeconds = null, TimeSpan Delay = default);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _script = new();

    public ConcurrentQueue<(JsonDocument Body, string? Authorization)> Requests { get; } = new();

    /// <summary>Answer when the script is empty.</summary>
    public Reply Default { get; set; } = new(200, """{"solution_correctness_score": 4, "explanation": "default"}""");

    public string BaseUrl { get; }

    private FakeOpenAiServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<FakeOpenAiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeOpenAiServer? self = null;
        app.MapGet("/v1/models", () => Results.Json(new { @object = "list", data = new[] { new { id = "fake-vlm-1", @object = "model" }, new { id = "other", @object = "model" } } }));
        app.MapPost("/v1/chat/completions", async (HttpContext ctx) =>
        {
            var body = await JsonDocument.ParseAsync(ctx.Request.Body);
            self!.Requests.Enqueue((body, ctx.Request.Headers.Authorization.ToString()));
            var reply = self._script.TryDequeue(out var r) ? r : self.Default;
            if (reply.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(reply.Delay, ctx.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            ctx.Response.StatusCode = reply.Status;
            if (reply.RetryAfterSeconds is { } ra) ctx.Response.Headers.RetryAfter = ra.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (reply.Status != 200)
            {
                await ctx.Response.WriteAsJsonAsync(new { error = new { message = $"scripted {reply.Status}", type = "server_error" } });
                return;
            }
            await ctx.Response.WriteAsJsonAsync(new
            {
                id = "chatcmpl-test",
                @object = "chat.completion",
                created = 0,
                model = "fake-vlm-1",
                choices = new[] { new { index = 0, message = new { role = "assistant", content = reply.Content }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
            });
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FakeOpenAiServer(app, address + "/v1");
        return self;
    }

    public void Enqueue(params Reply[] replies)
    {
        foreach (var r in replies) _script.Enqueue(r);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
