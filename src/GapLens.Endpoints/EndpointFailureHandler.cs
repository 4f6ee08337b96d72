using GapLens.Core.Text;
using System.Globalization;
using System.Net;
using Polly.Timeout;

namespace GapLens.Endpoints;

/// <summary>
/// The outermost handler, above the retries: turns what is left once the retries are done into one
/// typed failure with a one-line message naming the endpoint (credentials redacted) and, for
/// authentication failures, the environment variable of the key. 401/403/404 and unreachable
/// endpoints are <see cref="EndpointUnavailableException"/> (recorded in the tracker); other
/// refusals, exhausted retries and timeouts are <see cref="EndpointException"/>; malformed replies
/// pass through as they are. A call that reaches the endpoint resets the tracker.
/// </summary>
internal sealed class EndpointFailureHandler(EndpointOptions options, string? apiKey, EndpointFailureTracker tracker) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        AttemptCounter.Attach(request);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (MalformedReplyException)
        {
            tracker.RecordReachable();
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            string where = UrlRedaction.Redact(request.RequestUri);
            int attempts = AttemptCounter.Read(request);
            string which = ex.Timeout >= options.EffectiveTotalTimeout
                ? Invariant($"within the total time of {options.EffectiveTotalTimeout.TotalSeconds} s per call (--total-timeout)")
                : Invariant($"within {options.AttemptTimeout.TotalSeconds} s (--timeout)");
            throw new EndpointException(Invariant($"no reply from {where} {which}; {Attempts(attempts)}"), where, null, attempts, ex);
        }
        catch (HttpRequestException ex)
        {
            string where = UrlRedaction.Redact(request.RequestUri);
            int attempts = AttemptCounter.Read(request);
            if (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError)
            {
                var unavailable = new EndpointUnavailableException(UnavailableReason.Unreachable,
                    Invariant($"cannot reach {where} ({FirstLine(ex)}); {Attempts(attempts)}; check {options.Flags.Url} and that the server is running"),
                    where, null, attempts, ex);
                tracker.RecordUnavailable(unavailable);
                throw unavailable;
            }
            tracker.RecordReachable();
            string what = ex.HttpRequestError == HttpRequestError.ResponseEnded ? "the server closed the connection without a complete reply" : FirstLine(ex);
            throw new EndpointException(Invariant($"{where}: {what}; {Attempts(attempts)}"), where, null, attempts, ex);
        }
        if (response.IsSuccessStatusCode)
        {
            tracker.RecordReachable();
            return response;
        }
        using (response)
        {
            throw await FailureAsync(request, response, UrlRedaction.Redact(request.RequestUri), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<EndpointException> FailureAsync(HttpRequestMessage request, HttpResponseMessage response, string where, CancellationToken ct)
    {
        int status = (int)response.StatusCode;
        int attempts = AttemptCounter.Read(request);
        byte[] body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        string detail = UrlRedaction.Scrub(ReplyShape.ErrorMessage(body), apiKey);
        string head = Invariant($"HTTP {status} {response.ReasonPhrase ?? response.StatusCode.ToString()} from {where}");
        string keyState = apiKey is null ? $"{options.ApiKeyEnv} is not set" : $"the key in {options.ApiKeyEnv}";
        EndpointUnavailableException? unavailable = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => new(UnavailableReason.Unauthorized,
                $"{head}: the API key was rejected ({keyState}); set {options.ApiKeyEnv} to a valid key or name another variable with {options.Flags.KeyEnv}",
                where, status, attempts),
            HttpStatusCode.Forbidden => new(UnavailableReason.Forbidden,
                $"{head}: access denied with {(apiKey is null ? $"no key ({options.ApiKeyEnv} is not set)" : $"the key in {options.ApiKeyEnv}")}; check the key's permissions for this model",
                where, status, attempts),
            HttpStatusCode.NotFound => new(UnavailableReason.NotFound,
                $"{head}: no such path or model{(detail.Length > 0 ? $" ({detail})" : "")}; check {options.Flags.Url} (usually ending in /v1) and {options.Flags.Model}",
                where, status, attempts),
            _ => null,
        };
        if (unavailable is not null)
        {
            tracker.RecordUnavailable(unavailable);
            return unavailable;
        }
        tracker.RecordReachable();
        bool transient = status is 408 or 429 or >= 500;
        string suffix = detail.Length > 0 ? $": {detail}" : "";
        return new EndpointException(transient ? $"{head}{suffix}; {Attempts(attempts)}" : $"{head}: the request was refused{suffix}", where, status, attempts);
    }

    private string Attempts(int attempts) =>
        attempts == 1 ? "1 attempt" : options.Flags.Retries is { } retries ? Invariant($"{attempts} attempts ({retries} {options.MaxRetries})") : Invariant($"{attempts} attempts");

    private static string FirstLine(Exception ex) => ReplyShape.OneLine(ex.Message, 200);

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
