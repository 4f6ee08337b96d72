using System.ClientModel;
using System.ClientModel.Primitives;
using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using GapLens.Core;
using Microsoft.Extensions.AI;
using OpenAI;

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
