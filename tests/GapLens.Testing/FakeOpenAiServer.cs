using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
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
/// An OpenAI-compatible endpoint on 127.0.0.1 (real HTTP, Kestrel) for tests, with injected faults:
/// GET /v1/models, POST /v1/chat/completions and POST /v1/embeddings answer from one script of replies
/// and faults (then <see cref="Default"/>), recording every request. Faults: a status with or without
/// Retry-After, a delay (a hang when longer than the client's timeout), a connection closed without a
/// reply (scripted, or on a seeded random share of requests with <see cref="DropShare"/>), raw bodies
/// (HTML, empty, invalid UTF-8, <c>"choices": []</c>), huge bodies streamed until the client stops
/// reading, and scripted tool calls.
/// </summary>
public sealed class FakeOpenAiServer : IAsyncDisposable
{
    /// <summary>One scripted answer: a status code (200 = a completion with this content), an optional
    /// Retry-After, and a delay before answering (a hang when longer than the client's timeout).</summary>
    public sealed record Reply(int Status, string Content = "", double? RetryAfterSeconds = null, TimeSpan Delay = default)
    {
        /// <summary>Close the connection without a reply.</summary>
        public bool Drop { get; init; }

        /// <summary>A body sent as it is (with <see cref="ContentType"/>) instead of a completion.</summary>
        public byte[]? Body { get; init; }

        public string ContentType { get; init; } = "application/json";

        /// <summary>A body of this many bytes, streamed in chunks until written or the client goes away.</summary>
        public long HugeBytes { get; init; }

        /// <summary>Send Content-Length with the huge body (otherwise chunked).</summary>
        public bool DeclareLength { get; init; }

        /// <summary>Tool calls the assistant message asks for (finish_reason "tool_calls").</summary>
        public IReadOnlyList<ToolCall>? ToolCalls { get; init; }

        public static Reply Dropped() => new(0) { Drop = true };

        public static Reply Raw(string body, string contentType = "application/json") => new(200) { Body = Encoding.UTF8.GetBytes(body), ContentType = contentType };

        public static Reply Html() => Raw("<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>", "text/html");

        public static Reply EmptyBody() => new(200) { Body = [] };

        /// <summary>A completion whose content holds bytes that are not UTF-8.</summary>
        public static Reply InvalidUtf8() => new(200)
        {
            Body = [.. Encoding.UTF8.GetBytes("""{"choices":[{"index":0,"message":{"role":"assistant","content":"score """), 0xC3, 0x28, 0xFF, .. Encoding.UTF8.GetBytes("\"}}]}")],
        };

        public static Reply NoChoices() => Raw("""{"id":"chatcmpl-x","object":"chat.completion","created":0,"model":"fake-vlm-1","choices":[]}""");

        public static Reply Huge(long bytes, bool declareLength = false) => new(200) { HugeBytes = bytes, DeclareLength = declareLength };

        public static Reply Calls(params ToolCall[] calls) => new(200) { ToolCalls = calls };
    }

    /// <summary>A tool call in a scripted reply.</summary>
    public sealed record ToolCall(string Name, string ArgumentsJson, string Id = "call_1");

    /// <summary>One request as received (dropped ones included).</summary>
    public sealed record Request(JsonDocument Body, string? Authorization, string Path);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Reply> _script = new();
    private readonly Lock _randomGate = new();
    private Random _random = new(1);
    private int _dropped;

    public ConcurrentQueue<Request> Requests { get; } = new();

    /// <summary>Answer when the script is empty.</summary>
    public Reply Default { get; set; } = new(200, """{"solution_correctness_score": 4, "explanation": "default"}""");

    /// <summary>When set, answers each chat request the script does not (before <see cref="Default"/>) from
    /// the request body: a scripted agent that reacts to the conversation so far. Null falls back to <see cref="Default"/>.</summary>
    public Func<JsonDocument, Reply?>? Responder { get; set; }

    /// <summary>When set, /v1/embeddings answers each input text with this vector instead of [length, index, 0.5].</summary>
    public Func<string, float[]>? Embedder { get; set; }

    /// <summary>When set, GET /v1/models answers this instead of the model list.</summary>
    public Reply? ModelsReply { get; set; }

    /// <summary>Share of POST requests (0-1) whose connection is closed without a reply, chosen with a seeded
    /// random generator before the script is consulted (a dropped request uses no scripted reply).</summary>
    public double DropShare { get; set; }

    /// <summary>Requests dropped so far (scripted or random).</summary>
    public int Dropped => Volatile.Read(ref _dropped);

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
        app.MapGet("/v1/models", async (HttpContext ctx) =>
        {
            if (self!.ModelsReply is { } r)
            {
                await self.AnswerAsync(ctx, r, _ => throw new InvalidOperationException("ModelsReply must not be a 200 completion"));
                return;
            }
            await ctx.Response.WriteAsJsonAsync(new { @object = "list", data = new[] { new { id = "fake-vlm-1", @object = "model" }, new { id = "other", @object = "model" } } });
        });
        app.MapPost("/v1/chat/completions", (HttpContext ctx) => self!.HandleAsync(ctx, Completion, self.Responder));
        app.MapPost("/v1/embeddings", (HttpContext ctx) => self!.HandleAsync(ctx, x => Embeddings(x, self.Embedder), null));
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FakeOpenAiServer(app, address + "/v1");
        return self;
    }

    public void Enqueue(params Reply[] replies)
    {
        foreach (var r in replies) _script.Enqueue(r);
    }

    /// <summary>Reseeds the generator behind <see cref="DropShare"/>.</summary>
    public void Seed(int seed)
    {
        lock (_randomGate) _random = new Random(seed);
    }

    private async Task HandleAsync(HttpContext ctx, Func<(JsonDocument Body, Reply Reply), object> success, Func<JsonDocument, Reply?>? responder)
    {
        var body = await JsonDocument.ParseAsync(ctx.Request.Body);
        Requests.Enqueue(new Request(body, ctx.Request.Headers.Authorization.ToString(), ctx.Request.Path));
        bool drop = DropShare > 0 && RandomShare() < DropShare;
        var reply = drop ? Reply.Dropped() : _script.TryDequeue(out var r) ? r : responder?.Invoke(body) ?? Default;
        await AnswerAsync(ctx, reply, rep => success((body, rep)));
    }

    private double RandomShare()
    {
        lock (_randomGate) return _random.NextDouble();
    }

    private async Task AnswerAsync(HttpContext ctx, Reply reply, Func<Reply, object> success)
    {
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
        if (reply.Drop)
        {
            Interlocked.Increment(ref _dropped);
            ctx.Abort();
            return;
        }
        ctx.Response.StatusCode = reply.Status;
        if (reply.RetryAfterSeconds is { } ra) ctx.Response.Headers.RetryAfter = ra.ToString(CultureInfo.InvariantCulture);
        if (reply.Body is { } raw)
        {
            ctx.Response.ContentType = reply.ContentType;
            ctx.Response.ContentLength = raw.Length;
            await ctx.Response.Body.WriteAsync(raw);
            return;
        }
        if (reply.HugeBytes > 0)
        {
            await WriteHugeAsync(ctx, reply);
            return;
        }
        if (reply.Status != 200)
        {
            await ctx.Response.WriteAsJsonAsync(new { error = new { message = $"scripted {reply.Status}", type = "server_error" } });
            return;
        }
        await ctx.Response.WriteAsJsonAsync(success(reply));
    }

    private static async Task WriteHugeAsync(HttpContext ctx, Reply reply)
    {
        ctx.Response.ContentType = "application/json";
        if (reply.DeclareLength) ctx.Response.ContentLength = reply.HugeBytes;
        byte[] chunk = Encoding.ASCII.GetBytes(new string(' ', 64 * 1024));
        try
        {
            for (long left = reply.HugeBytes; left > 0 && !ctx.RequestAborted.IsCancellationRequested; left -= chunk.Length)
            {
                await ctx.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(left, chunk.Length)), ctx.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            // The client stopped reading: what the test wants.
        }
    }

    private static object Completion((JsonDocument Body, Reply Reply) x)
    {
        object message = x.Reply.ToolCalls is { } calls
            ? new
            {
                role = "assistant",
                content = (string?)null,
                tool_calls = calls.Select(c => new { id = c.Id, type = "function", function = new { name = c.Name, arguments = c.ArgumentsJson } }).ToArray(),
            }
            : new { role = "assistant", content = x.Reply.Content };
        return new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            created = 0,
            model = "fake-vlm-1",
            choices = new[] { new { index = 0, message, finish_reason = x.Reply.ToolCalls is null ? "stop" : "tool_calls" } },
            usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
        };
    }

    /// <summary>One vector per input (<paramref name="embedder"/>'s, else [length of the text, its index, 0.5]), as floats or base64 as asked.</summary>
    private static object Embeddings((JsonDocument Body, Reply Reply) x, Func<string, float[]>? embedder)
    {
        var root = x.Body.RootElement;
        var input = root.GetProperty("input");
        string[] texts = input.ValueKind == JsonValueKind.Array ? [.. input.EnumerateArray().Select(e => e.GetString() ?? "")] : [input.GetString() ?? ""];
        bool base64 = root.TryGetProperty("encoding_format", out var f) && f.GetString() == "base64";
        object Vector(string t, int i)
        {
            float[] v = embedder?.Invoke(t) ?? [t.Length, i, 0.5f];
            return base64 ? Convert.ToBase64String(System.Runtime.InteropServices.MemoryMarshal.AsBytes(v.AsSpan())) : v;
        }
        return new
        {
            @object = "list",
            data = texts.Select((t, i) => new { @object = "embedding", index = i, embedding = Vector(t, i) }).ToArray(),
            model = x.Body.RootElement.TryGetProperty("model", out var m) ? m.GetString() : "fake-embed-1",
            usage = new { prompt_tokens = 1, total_tokens = 1 },
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
