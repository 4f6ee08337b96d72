using GapLens.Core.Text;
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using GapLens.Core;
using GapLens.IO.Logging;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;

namespace GapLens.Endpoints;

/// <summary>
/// One OpenAI-compatible model endpoint (OpenAI, vLLM, lmdeploy, Ollama...) and the one pipeline every
/// call to it goes through: chat (<see cref="CreateChatClient"/>, an <see cref="IChatClient"/>, with tool
/// calls) and embeddings (<see cref="CreateEmbeddingGenerator"/>) share an HttpClient with retries,
/// timeouts, reply checks and typed failures (see <see cref="EndpointHttp"/>); the OpenAI client's own
/// retries are off. Replies can be cached on disk as IChatClient middleware.
/// </summary>
/// <example>
/// <code>
/// using var endpoint = await ModelEndpoint.ConnectAsync(new EndpointOptions("http://127.0.0.1:23333/v1"), ct);
/// IChatClient chat = endpoint.CreateChatClient(cacheDirectory: "cache");
/// var reply = await chat.GetResponseAsync("Hello", new ChatOptions { Temperature = 0 }, ct);
/// </code>
/// </example>
public sealed class ModelEndpoint : IDisposable
{
    /// <summary>Part of every cache key: bump when what a cached entry means changes.</summary>
    private const string CacheFormat = "gaplens.chat-cache/1";

    private readonly ServiceProvider _services;
    private readonly OpenAIClient _openAi;
    private readonly IChatClient _chat;

    private ModelEndpoint(EndpointOptions options, Uri baseUri, ServiceProvider services, HttpClient http, EndpointFailureTracker failures, string modelId)
    {
        Options = options;
        _services = services;
        Failures = failures;
        ModelId = modelId;
        BaseUrl = UrlRedaction.Redact(baseUri.AbsoluteUri.TrimEnd('/'));
        string? key = ApiKey(options);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = baseUri,
            Transport = new HttpClientPipelineTransport(http),
            RetryPolicy = new ClientRetryPolicy(0), // the resilience pipeline retries
            NetworkTimeout = options.EffectiveTotalTimeout + TimeSpan.FromMinutes(1), // ours fire first
        };
        _openAi = new OpenAIClient(new ApiKeyCredential(key ?? "not-needed"), clientOptions);
        _chat = _openAi.GetChatClient(modelId).AsIChatClient();
    }

    public EndpointOptions Options { get; }

    /// <summary>The base URL with credentials redacted: safe to log, write and put in a cache key.</summary>
    public string BaseUrl { get; }

    /// <summary>The model id: the one given, or the first of GET /models.</summary>
    public string ModelId { get; }

    /// <summary>Endpoint-unavailable failures in a row, for a run to stop early.</summary>
    public EndpointFailureTracker Failures { get; }

    public static Task<ModelEndpoint> ConnectAsync(EndpointOptions options, CancellationToken ct) => ConnectAsync(options, null, ct);

    /// <summary>Checks the options (user errors as <see cref="UserInputException"/>), builds the pipeline and
    /// resolves the model: the one given, or the first id of GET /models (a failure to list is a user
    /// error that says to pass --model). Retries are logged at debug level.</summary>
    public static async Task<ModelEndpoint> ConnectAsync(EndpointOptions options, RunLog? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var uri = options.Validate();
        var failures = new EndpointFailureTracker(options.StopAfterUnavailable);
        var (services, http) = EndpointHttp.Create(options, ApiKey(options), failures, log);
        try
        {
            string model = options.Model ?? await FirstModelAsync(http, uri, ApiKey(options), options.Flags.Model, ct).ConfigureAwait(false);
            return new ModelEndpoint(options, uri, services, http, failures, model);
        }
        catch
        {
            await services.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A chat client over the pipeline. With <paramref name="cacheDirectory"/>, successful
    /// replies are cached there (and only those <paramref name="cacheWhen"/> accepts), keyed by a hash of
    /// everything that shaped them: messages (images included), options, this endpoint's base URL and model.</summary>
    public IChatClient CreateChatClient(string? cacheDirectory = null, Func<ChatResponse, bool>? cacheWhen = null)
    {
        if (cacheDirectory is null) return _chat;
        return new ReplyCachingChatClient(_chat, new FileReplyCache(cacheDirectory), cacheWhen)
        {
            CacheKeyAdditionalValues = [CacheFormat, BaseUrl, ModelId],
        };
    }

    /// <summary>An embedding generator for POST /embeddings over the same pipeline; <paramref name="model"/>
    /// defaults to <see cref="ModelId"/>.</summary>
    public IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(string? model = null) =>
        _openAi.GetEmbeddingClient(model ?? ModelId).AsIEmbeddingGenerator();

    public void Dispose() => _services.Dispose();

    private static string? ApiKey(EndpointOptions o) => Environment.GetEnvironmentVariable(o.ApiKeyEnv) is { Length: > 0 } k ? k : null;

    private static async Task<string> FirstModelAsync(HttpClient http, Uri baseUri, string? key, string modelFlag, CancellationToken ct)
    {
        var models = new UriBuilder(baseUri);
        models.Path = models.Path.TrimEnd('/') + "/models";
        using var request = new HttpRequestMessage(HttpMethod.Get, models.Uri);
        if (key is not null) request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        try
        {
            using var response = await http.SendAsync(request, ct).ConfigureAwait(false);
            using var doc = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false));
            var data = doc.RootElement.GetProperty("data");
            if (data.GetArrayLength() == 0 || data[0].ValueKind != JsonValueKind.Object
                || !data[0].TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString()!.Length == 0)
            {
                throw new UserInputException($"{UrlRedaction.Redact(models.Uri.AbsoluteUri)} lists no model; pass {modelFlag}");
            }
            return id.GetString()!;
        }
        catch (EndpointException ex)
        {
            throw new UserInputException($"{ex.Message} (listing the models because {modelFlag} was not given)", ex);
        }
    }
}
