using System.Globalization;
using GapLens.Core;

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

    /// <summary>Checks every value at the boundary: one line naming the option, the value and what is allowed.</summary>
    public void Validate()
    {
        if (Judge is not ("pixel" or "openai")) throw new UserInputException($"--judge: unknown judge '{Judge}'; available: pixel, openai");
        if (Concurrency is < 1 or > MaxConcurrency) throw new UserInputException($"--concurrency must be 1-{MaxConcurrency}, got {Concurrency}");
        if (!double.IsFinite(TimeoutSeconds) || TimeoutSeconds <= 0 || TimeoutSeconds > 3600)
        {
            throw new UserInputException($"--timeout must be a number of seconds in (0, 3600], got {TimeoutSeconds.ToString("R", CultureInfo.InvariantCulture)}");
        }
        if (TotalTimeoutSeconds is { } total && (!double.IsFinite(total) || total <= 0 || total > 86_400))
        {
            throw new UserInputException($"--total-timeout must be a number of seconds in (0, 86400], got {total.ToString("R", CultureInfo.InvariantCulture)}");
        }
        if (!double.IsFinite(MaxWaitSeconds) || MaxWaitSeconds < 0 || MaxWaitSeconds > 3600)
        {
            throw new UserInputException($"--max-wait must be a number of seconds in [0, 3600], got {MaxWaitSeconds.ToString("R", CultureInfo.InvariantCulture)}");
        }
        if (MaxReplyBytes is < 1024 or > 1L << 30) throw new UserInputException($"--max-reply-bytes must be 1024-{1L << 30}, got {MaxReplyBytes}");
        if (Evaluator is not null && (Evaluator.Length is 0 or > 100 || Evaluator.StartsWith('.') || Evaluator.StartsWith('_') || Evaluator.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
        {
            throw new UserInputException($"--evaluator must be a folder name of letters, digits, '-', '_' and '.' (not starting with '.' or '_'), got '{Evaluator}'");
        }
        if (Retries is < 0 or > 20) throw new UserInputException($"--retries must be 0-20, got {Retries}");
        if (VoteFrames is < 1 or > 60) throw new UserInputException($"--vote-frames must be 1-60, got {VoteFrames}");
        if (!double.IsFinite(VoteSeconds) || VoteSeconds <= 0 || VoteSeconds > 600)
        {
            throw new UserInputException($"--vote-seconds must be in (0, 600], got {VoteSeconds.ToString("R", CultureInfo.InvariantCulture)}");
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
