using System.Globalization;
using GapLens.Core;
using GapLens.Core.Config;

namespace GapLens.Jobs.Judge;

/// <summary>Options of <c>gaplens judge</c>: where the videos and the scores are, which judge, how hard to push.</summary>
public sealed record JudgeOptions(
    string Outputs,
    string Evaluations,
    string Judge = "pixel",
    int Concurrency = 4,
    string? BaseUrl = null,
    string? Model = null,
    string ApiKeyEnv = "OPENAI_API_KEY",
    double TimeoutSeconds = 120,
    int Retries = 5,
    string? GuidanceFile = null,
    bool NoCache = false,
    int VoteFrames = 1,
    double VoteSeconds = 1.0,
    string? Evaluator = null,
    bool Rejudge = false,
    double? TotalTimeoutSeconds = null,
    double MaxWaitSeconds = 60,
    long MaxReplyBytes = 16L << 20) : IJobOptions
{
    public const int MaxConcurrency = 256;

    public static readonly ValueRange ConcurrencyRange = ValueRange.Integers(1, MaxConcurrency);
    public static readonly ValueRange TimeoutRange = ValueRange.AboveUpTo(0, 3600);
    public static readonly ValueRange RetriesRange = ValueRange.Integers(0, 20);
    public static readonly ValueRange VoteFramesRange = ValueRange.Integers(1, 60);
    public static readonly ValueRange VoteSecondsRange = ValueRange.AboveUpTo(0, 600);
    public static readonly ValueRange TotalTimeoutRange = ValueRange.AboveUpTo(0, 86_400) with { NullMeans = "10 minutes, or --timeout if longer" };
    public static readonly ValueRange MaxWaitRange = ValueRange.Closed(0, 3600);
    public static readonly ValueRange MaxReplyBytesRange = ValueRange.Integers(1024, 1L << 30);

    public IEnumerable<BoundedValue> Numbers() =>
    [
        new("--concurrency", Concurrency, ConcurrencyRange),
        new("--timeout", TimeoutSeconds, TimeoutRange),
        new("--retries", Retries, RetriesRange),
        new("--vote-frames", VoteFrames, VoteFramesRange),
        new("--vote-seconds", VoteSeconds, VoteSecondsRange),
        new("--total-timeout", TotalTimeoutSeconds, TotalTimeoutRange),
        new("--max-wait", MaxWaitSeconds, MaxWaitRange),
        new("--max-reply-bytes", MaxReplyBytes, MaxReplyBytesRange),
    ];

    /// <summary>Checks every value at the boundary: one line naming the option, the value and what is allowed.</summary>
    public void Validate()
    {
        if (Judge is not ("pixel" or "openai")) throw new UserInputException($"--judge: unknown judge '{Judge}'; available: pixel, openai");
        BoundedValue.CheckAll(Numbers());
        if (Evaluator is not null && (Evaluator.Length is 0 or > 100 || Evaluator.StartsWith('.') || Evaluator.StartsWith('_') || Evaluator.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
        {
            throw new UserInputException($"--evaluator must be a folder name of letters, digits, '-', '_' and '.' (not starting with '.' or '_'), got '{Evaluator}'");
        }
        if (Judge == "openai" && BaseUrl is null) throw new UserInputException("--judge openai needs --base-url (e.g. https://api.openai.com/v1)");
    }

    public IEnumerable<KeyValuePair<string, string?>> Describe() =>
    [
        new("outputs", Outputs),
        new("evaluations", Evaluations),
        new("judge", Judge),
        new("concurrency", Concurrency.ToString(CultureInfo.InvariantCulture)),
        new("base_url", BaseUrl),
        new("model", Model),
        new("api_key_env", ApiKeyEnv),
        new("timeout_seconds", TimeoutSeconds.ToString("R", CultureInfo.InvariantCulture)),
        new("retries", Retries.ToString(CultureInfo.InvariantCulture)),
        new("guidance", GuidanceFile),
        new("no_cache", NoCache ? "true" : "false"),
        new("vote_frames", VoteFrames.ToString(CultureInfo.InvariantCulture)),
        new("vote_seconds", VoteSeconds.ToString("R", CultureInfo.InvariantCulture)),
        new("evaluator", Evaluator),
        new("rejudge", Rejudge ? "true" : "false"),
        new("total_timeout_seconds", TotalTimeoutSeconds?.ToString("R", CultureInfo.InvariantCulture)),
        new("max_wait_seconds", MaxWaitSeconds.ToString("R", CultureInfo.InvariantCulture)),
        new("max_reply_bytes", MaxReplyBytes.ToString(CultureInfo.InvariantCulture)),
    ];
}
