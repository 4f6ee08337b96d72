namespace GapLens.Judging.Judges;

/// <summary>Endpoint and behaviour of an OpenAI-compatible VLM judge.</summary>
public sealed record OpenAiJudgeOptions(
    string BaseUrl,
    string? Model = null,
    string ApiKeyEnv = "OPENAI_API_KEY",
    TimeSpan? Timeout = null,
    int MaxRetries = 5,
    string? GuidanceFile = null,
    string? CacheDir = null,
    string EvaluatorDir = "vision-eval",
    ulong JitterSeed = 0);
