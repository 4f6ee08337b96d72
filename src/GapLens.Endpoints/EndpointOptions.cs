using GapLens.Core.Text;
using System.Globalization;
using GapLens.Core;

namespace GapLens.Endpoints;

/// <summary>
/// How to reach one OpenAI-compatible model endpoint and how hard to try. Checked at the boundary by
/// <see cref="Validate"/>: every problem is a <see cref="UserInputException"/> naming the option (by its
/// command-line name), the value seen and what is allowed. The API key itself is never held here: only
/// the name of the environment variable that has it.
/// </summary>
/// <param name="BaseUrl">The endpoint, e.g. https://api.openai.com/v1 or http://127.0.0.1:23333/v1.</param>
public sealed record EndpointOptions(string BaseUrl)
{
    public const double MaxTimeoutSeconds = 86_400;
    public const double MaxWaitSeconds = 3_600;
    public const int MaxRetriesAllowed = 100;
    public const long MinReplyBytes = 1_024;
    public const long MaxReplyBytesAllowed = 1L << 30;

    /// <summary>The model id; null = the first id of GET {base}/models.</summary>
    public string? Model { get; init; }

    /// <summary>The environment variable that holds the API key (never printed or written).</summary>
    public string ApiKeyEnv { get; init; } = "OPENAI_API_KEY";

    /// <summary>The options that set this endpoint, as error messages name them.</summary>
    public EndpointFlags Flags { get; init; } = EndpointFlags.Chat;

    /// <summary>One HTTP attempt, from sending to the last byte of the reply.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>One call, all attempts and waits included; null = the larger of 10 minutes and <see cref="AttemptTimeout"/>.</summary>
    public TimeSpan? TotalTimeout { get; init; }

    /// <summary>Retries after the first attempt on connection errors, timeouts, 408, 429 and 5xx.</summary>
    public int MaxRetries { get; init; } = 5;

    /// <summary>The longest wait before a retry, whatever Retry-After asks for.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The first backoff step (exponential with jitter from there, capped by <see cref="MaxWait"/>).</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>A reply larger than this fails its call without being read further.</summary>
    public long MaxReplyBytes { get; init; } = 16L << 20;

    /// <summary>Consecutive authentication / unreachable failures after which a run should stop.</summary>
    public int StopAfterUnavailable { get; init; } = 3;

    public TimeSpan EffectiveTotalTimeout => TotalTimeout ?? (AttemptTimeout > TimeSpan.FromMinutes(10) ? AttemptTimeout : TimeSpan.FromMinutes(10));

    /// <summary>Checks every value; returns the parsed base URL.</summary>
    public Uri Validate()
    {
        var uri = ParseBaseUrl(BaseUrl, Flags.Url);
        if (Model is not null && Model.Trim().Length == 0) throw new UserInputException($"{Flags.Model} is empty: give a model id, or leave it out to use the first id of GET /models");
        if (ApiKeyEnv.Length == 0 || !ApiKeyEnv.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') || char.IsAsciiDigit(ApiKeyEnv[0]))
        {
            throw new UserInputException($"{Flags.KeyEnv} '{ApiKeyEnv}' is not an environment variable name: expected letters, digits and '_', not starting with a digit");
        }
        CheckSpan("--timeout", AttemptTimeout, 0, MaxTimeoutSeconds, exclusiveMin: true);
        if (TotalTimeout is { } total)
        {
            CheckSpan("--total-timeout", total, 0, MaxTimeoutSeconds, exclusiveMin: true);
            if (total < AttemptTimeout)
            {
                throw new UserInputException(Invariant($"--total-timeout {total.TotalSeconds} s is shorter than --timeout {AttemptTimeout.TotalSeconds} s: a call could never finish one attempt"));
            }
        }
        if (MaxRetries is < 0 or > MaxRetriesAllowed) throw new UserInputException(Invariant($"--retries {MaxRetries} is out of range: expected 0 to {MaxRetriesAllowed}"));
        CheckSpan("--max-wait", MaxWait, 0, MaxWaitSeconds, exclusiveMin: false);
        CheckSpan("retry base delay", RetryBaseDelay, 0, MaxWaitSeconds, exclusiveMin: false);
        if (MaxReplyBytes is < MinReplyBytes or > MaxReplyBytesAllowed)
        {
            throw new UserInputException(Invariant($"--max-reply-bytes {MaxReplyBytes} is out of range: expected {MinReplyBytes} to {MaxReplyBytesAllowed}"));
        }
        if (StopAfterUnavailable is < 1 or > 1000) throw new UserInputException(Invariant($"stop-after-unavailable {StopAfterUnavailable} is out of range: expected 1 to 1000"));
        return uri;
    }

    /// <summary>A number of seconds given on a command line, as a time span: NaN, infinities, zero or
    /// less and more than <paramref name="maxSeconds"/> are user errors naming <paramref name="option"/>.</summary>
    public static TimeSpan Seconds(string option, double seconds, double maxSeconds = MaxTimeoutSeconds, bool allowZero = false)
    {
        bool ok = double.IsFinite(seconds) && (allowZero ? seconds >= 0 : seconds > 0) && seconds <= maxSeconds;
        if (!ok)
        {
            throw new UserInputException(Invariant($"{option} {seconds.ToString("R", CultureInfo.InvariantCulture)} is not allowed: expected a number of seconds {(allowZero ? ">= 0" : "> 0")} and at most {maxSeconds}"));
        }
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>An http(s) URL with a host and a port 1-65535; the message quotes it redacted.</summary>
    public static Uri ParseBaseUrl(string? baseUrl, string flag = "--base-url")
    {
        const string expected = "expected an http:// or https:// URL with a host and a port 1-65535, such as http://127.0.0.1:23333/v1";
        if (string.IsNullOrWhiteSpace(baseUrl)) throw new UserInputException($"{flag} is empty: {expected}");
        string shown = UrlRedaction.Redact(baseUrl);
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri)) throw new UserInputException($"{flag} '{shown}' is not a valid URL: {expected}");
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new UserInputException($"{flag} '{shown}' uses the scheme '{uri.Scheme}': {expected}");
        }
        if (uri.Host.Length == 0 || uri.Port is < 1 or > 65535) throw new UserInputException($"{flag} '{shown}' has no usable host or port: {expected}");
        return uri;
    }

    /// <summary>Written with the base URL redacted (a record's default text would print it whole).</summary>
    public override string ToString() =>
        Invariant($"EndpointOptions {{ BaseUrl = {UrlRedaction.Redact(BaseUrl)}, Model = {Model ?? "(first listed)"}, ApiKeyEnv = {ApiKeyEnv}, AttemptTimeout = {AttemptTimeout.TotalSeconds} s, TotalTimeout = {EffectiveTotalTimeout.TotalSeconds} s, MaxRetries = {MaxRetries}, MaxWait = {MaxWait.TotalSeconds} s, MaxReplyBytes = {MaxReplyBytes} }}");

    private static void CheckSpan(string option, TimeSpan value, double min, double max, bool exclusiveMin)
    {
        double s = value.TotalSeconds;
        if ((exclusiveMin ? s <= min : s < min) || s > max)
        {
            throw new UserInputException(Invariant($"{option} {s} s is out of range: expected {(exclusiveMin ? "more than" : "at least")} {min} s and at most {max} s"));
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
