using GapLens.Core.Text;
using System.Globalization;
using System.Net;
using GapLens.IO.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace GapLens.Endpoints;

/// <summary>
/// The HttpClient under every model call, built the way .NET wires resilience
/// (IHttpClientFactory + Microsoft.Extensions.Http.Resilience), outer to inner:
/// <list type="number">
/// <item><see cref="EndpointFailureHandler"/>: typed failures with one-line messages, the tracker;</item>
/// <item>the resilience pipeline: a total timeout per call, then retries (exponential backoff with
/// jitter from <see cref="EndpointOptions.RetryBaseDelay"/>; Retry-After honoured; every wait capped by
/// <see cref="EndpointOptions.MaxWait"/>) on connection errors, attempt timeouts, 408, 429 and 5xx,
/// then a timeout per attempt;</item>
/// <item><see cref="ReplyLimitHandler"/>: size limit and reply shape, once per attempt;</item>
/// <item>SocketsHttpHandler.</item>
/// </list>
/// 400, 401, 403 and 404 are never retried. HttpClient's own timeout is off (the pipeline's rule).
/// </summary>
internal static class EndpointHttp
{
    private const string ClientName = "gaplens-model-endpoint";

    /// <summary>Polly's smallest timeout.</summary>
    private static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(10);

    public static (ServiceProvider Services, HttpClient Http) Create(EndpointOptions o, string? apiKey, EndpointFailureTracker tracker, RunLog? log)
    {
        var services = new ServiceCollection();
        var client = services.AddHttpClient(ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                AutomaticDecompression = DecompressionMethods.All,
                UseCookies = false,
                AllowAutoRedirect = false,
            })
            .ConfigureHttpClient(h => h.Timeout = Timeout.InfiniteTimeSpan)
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddHttpMessageHandler(() => new EndpointFailureHandler(o, apiKey, tracker));
        client.AddResilienceHandler("retries", b => Configure(b, o, log));
        client.AddHttpMessageHandler(() => new ReplyLimitHandler(o.MaxReplyBytes));
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName));
    }

    private static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> b, EndpointOptions o, RunLog? log)
    {
        b.AddTimeout(Max(o.EffectiveTotalTimeout, MinTimeout));
        if (o.MaxRetries > 0)
        {
            var baseDelay = o.RetryBaseDelay < o.MaxWait ? o.RetryBaseDelay : o.MaxWait;
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = o.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                ShouldRetryAfterHeader = false, // our DelayGenerator reads it, capped
                ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(RetryDelays.FromHeaders(args.Outcome.Result?.Headers, o.MaxWait, DateTimeOffset.UtcNow)),
                OnRetry = args =>
                {
                    if (log?.IsEnabled(LogLevel.Debug) == true)
                    {
                        string why = args.Outcome.Result is { } r ? $"HTTP {(int)r.StatusCode}" : args.Outcome.Exception?.GetType().Name ?? "failure";
                        log.Debug(string.Create(CultureInfo.InvariantCulture,
                            $"{UrlRedaction.Redact(o.BaseUrl)}: {why}; retry {args.AttemptNumber + 1} of {o.MaxRetries} in {args.RetryDelay.TotalSeconds:F2} s"));
                    }
                    return default;
                },
            };
            if (o.MaxWait > TimeSpan.Zero) retry.MaxDelay = o.MaxWait;
            b.AddRetry(retry);
        }
        b.AddTimeout(Max(o.AttemptTimeout, MinTimeout));
    }

    /// <summary>Worth another attempt: no reply (connection error or dropped connection), an attempt
    /// timeout, 408, 429 or 5xx; never once the caller has cancelled.</summary>
    internal static bool IsTransient(Outcome<HttpResponseMessage> outcome, CancellationToken ct) =>
        !ct.IsCancellationRequested
        && (outcome.Exception is HttpRequestException or TimeoutRejectedException
            || outcome.Result is { } r && (int)r.StatusCode is 408 or 429 or >= 500);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
