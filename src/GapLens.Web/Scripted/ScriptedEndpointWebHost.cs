using System.Net;
using System.Text;
using System.Text.Json;
using GapLens.Jobs.Demo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GapLens.Web.Scripted;

/// <summary>
/// Serves a scripted endpoint (the demo's stand-in for a model server) with Kestrel on 127.0.0.1 and a
/// free port: GET /v1/models, POST /v1/chat/completions and POST /v1/embeddings, JSON in and out. A body
/// that is not JSON is a 400 with an OpenAI-style error; nothing else is served.
/// </summary>
public sealed class ScriptedEndpointWebHost : IScriptedEndpointHost
{
    /// <summary>Largest request accepted (a chat request carries its frames as data URLs).</summary>
    public const long MaxRequestBytes = 64L * 1024 * 1024;

    public async Task<IScriptedEndpointServer> StartAsync(IScriptedEndpoint endpoint, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = "gaplens", ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, QuietLifetime>();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxRequestBytes;
            k.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        app.MapGet("/v1/models", (HttpContext ctx) => WriteAsync(ctx, 200,
            "{\"object\":\"list\",\"data\":[{\"id\":" + Quoted(endpoint.ModelId) + ",\"object\":\"model\",\"owned_by\":\"gaplens-demo\"}]}"));
        app.MapPost("/v1/chat/completions", (HttpContext ctx) => AnswerAsync(ctx, endpoint.ChatCompletion));
        app.MapPost("/v1/embeddings", (HttpContext ctx) => AnswerAsync(ctx, endpoint.Embeddings));
        app.MapFallback((HttpContext ctx) => WriteAsync(ctx, 404, Error("not found")));
        await app.StartAsync(ct).ConfigureAwait(false);
        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new ScriptedEndpointServer(app, $"http://127.0.0.1:{bound.Port}/v1");
    }

    private static async Task AnswerAsync(HttpContext ctx, Func<JsonElement, string> reply)
    {
        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(ctx.Request.Body, default, ctx.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            await WriteAsync(ctx, 400, Error("the body is not JSON: " + ex.Message)).ConfigureAwait(false);
            return;
        }
        using (body)
        {
            string json;
            try
            {
                json = reply(body.RootElement);
            }
            catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                await WriteAsync(ctx, 400, Error("malformed request: " + ex.Message)).ConfigureAwait(false);
                return;
            }
            await WriteAsync(ctx, 200, json).ConfigureAwait(false);
        }
    }

    private static string Error(string message) =>
        "{\"error\":{\"message\":" + Quoted(message) + ",\"type\":\"invalid_request_error\"}}";

    private static string Quoted(string text) => "\"" + JsonEncodedText.Encode(text) + "\"";

    private static Task WriteAsync(HttpContext ctx, int status, string json)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        return ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(json), ctx.RequestAborted).AsTask();
    }
}
