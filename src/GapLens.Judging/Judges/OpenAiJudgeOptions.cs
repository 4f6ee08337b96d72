using GapLens.Endpoints;

namespace GapLens.Judging.Judges;

/// <summary>An OpenAI-compatible VLM judge: its endpoint (with retries, timeouts and limits), the
/// guidance file over the built-in table, the reply cache folder, and the evaluator folder name (null:
/// derived from the model id, see <see cref="OpenAiJudge.DefaultEvaluatorDir"/>).</summary>
public sealed record OpenAiJudgeOptions(EndpointOptions Endpoint, string? GuidanceFile = null, string? CacheDir = null, string? EvaluatorDir = null)
{
    /// <summary>The judge command's values as it passes them today (kept until the command becomes a job).</summary>
    public OpenAiJudgeOptions(string baseUrl, string? model = null, string apiKeyEnv = "OPENAI_API_KEY", TimeSpan? timeout = null, int maxRetries = 5, string? guidanceFile = null, string? cacheDir = null)
        : this(new EndpointOptions(baseUrl) { Model = model, ApiKeyEnv = apiKeyEnv, AttemptTimeout = timeout ?? TimeSpan.FromSeconds(120), MaxRetries = maxRetries }, guidanceFile, cacheDir)
    {
    }
}
