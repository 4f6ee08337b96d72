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

/// <summary>
/// A VLM judge over any OpenAI-compatible chat endpoint (GPT-4o, InternVL via lmdeploy, Qwen-VL via
/// vLLM) through Microsoft.Extensions.AI: the spec's prompt with the first frame, the expected final
/// frame and the video's last frame as PNG images (goal mode when there is no final frame), temperature
/// 0. Retries with exponential backoff and jitter on 429, 5xx and timeouts, honouring Retry-After;
/// strict reply parsing; responses cached by a hash of model, template and inputs. The API key is read
/// from an environment variable and never written or logged.
/// </summary>
public sealed class OpenAiJudge : IJudge
{
    private readonly OpenAiJudgeOptions _o;
    private readonly IChatClient _client;
    private readonly IReadOnlyDictionary<string, string> _guidance;
    private readonly string _model;
    private readonly Random _jitter;
    private readonly Lock _jitterGate = new();

    private OpenAiJudge(OpenAiJudgeOptions o, IChatClient client, string model, IReadOnlyDictionary<string, string> guidance)
    {
        _o = o;
        _client = client;
        _model = model;
        _guidance = guidance;
        _jitter = new Random((int)(o.JitterSeed & 0x7FFFFFFF));
        Identity = new Dictionary<string, string>
        {
            ["judge"] = "openai-compatible",
            ["base_url"] = o.BaseUrl,
            ["model"] = model,
            ["prompt_template"] = JudgePrompt.TemplateId,
            ["prompt_template_sha256"] = JudgePrompt.TemplateHash,
            ["temperature"] = "0",
            ["max_retries"] = o.MaxRetries.ToString(CultureInfo.InvariantCulture),
        };
    }

    public string EvaluatorDir => _o.EvaluatorDir;

    public IReadOnlyDictionary<string, string> Identity { get; }

    /// <summary>Connects: resolves the model (the first id of GET /v1/models when not given).</summary>
    public static async Task<OpenAiJudge> CreateAsync(OpenAiJudgeOptions o, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(o);
        string key = Environment.GetEnvironmentVariable(o.ApiKeyEnv) ?? "not-needed";
        var timeout = o.Timeout ?? TimeSpan.FromSeconds(120);
        // Listing the models is a one-off connection step: it gets at least 30 s whatever the per-request timeout.
        string model = o.Model ?? await FirstModelAsync(o.BaseUrl, key, timeout > TimeSpan.FromSeconds(30) ? timeout : TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
        var options = new OpenAIClientOptions
        {
            Endpoint = new Uri(o.BaseUrl),
            NetworkTimeout = timeout,
            RetryPolicy = new ClientRetryPolicy(0), // retries are ours: backoff with jitter, Retry-After, counted
        };
        var client = new OpenAIClient(new ApiKeyCredential(key), options).GetChatClient(model).AsIChatClient();
        return new OpenAiJudge(o, client, model, JudgePrompt.LoadGuidance(o.GuidanceFile));
    }

    private static async Task<string> FirstModelAsync(string baseUrl, string key, TimeSpan timeout, CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = timeout };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        try
        {
            using var doc = await http.GetFromJsonAsync<JsonDocument>(baseUrl.TrimEnd('/') + "/models", ct).ConfigureAwait(false);
            var data = doc!.RootElement.GetProperty("data");
            if (data.GetArrayLength() == 0) throw new UserInputException($"{baseUrl}/models lists no model; pass --model");
            return data[0].GetProperty("id").GetString()!;
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or TaskCanceledException or KeyNotFoundException or InvalidOperationException)
        {
            throw new UserInputException($"cannot list the models of {baseUrl} ({ex.Message.Split('\n')[0]}); pass --model or check --base-url");
        }
    }

    public async Task<JudgeOutcome> JudgeAsync(JudgeInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        bool goal = input.FinalFramePng is null && input.Goal is not null;
        string guidance = _guidance.TryGetValue(input.TaskType, out var g) ? g : JudgePrompt.GenericGuidance;
        string text = JudgePrompt.UserText(input, guidance);
        var images = new List<byte[]> { await File.ReadAllBytesAsync(input.FirstFramePng, ct).ConfigureAwait(false) };
        if (!goal) images.Add(await File.ReadAllBytesAsync(input.FinalFramePng!, ct).ConfigureAwait(false));
        images.Add(await File.ReadAllBytesAsync(input.LastFramePng, ct).ConfigureAwait(false));
        string scoreKey = goal ? "goal_achieved_score" : "solution_correctness_score";
        string evaluationType = goal ? "goal_based" : "final_frame_comparison";

        string cacheKey = CacheKey(text, images, goal);
        string? cached = ReadCache(cacheKey);
        if (cached is not null) return ReplyParser.Parse(cached, scoreKey, evaluationType);

        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, goal ? JudgePrompt.GoalSystem : JudgePrompt.System),
            new(ChatRole.User, [new TextContent(text), .. images.Select(b => (AIContent)new DataContent(b, "image/png"))]),
        };
        var chatOptions = new ChatOptions { Temperature = 0, ModelId = _model };
        for (int attempt = 0; ; attempt++)
        {
            string? failure;
            TimeSpan? retryAfter = null;
            try
            {
                var response = await _client.GetResponseAsync(messages, chatOptions, ct).ConfigureAwait(false);
                string reply = response.Text;
                var outcome = ReplyParser.Parse(reply, scoreKey, evaluationType);
                if (outcome.Score is not null) WriteCache(cacheKey, reply);
                return outcome;
            }
            catch (ClientResultException ex) when (ex.Status == 429 || ex.Status >= 500)
            {
                failure = $"HTTP {ex.Status}";
                if (ex.GetRawResponse()?.Headers.TryGetValue("Retry-After", out string? ra) == true
                    && double.TryParse(ra, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds))
                {
                    retryAfter = TimeSpan.FromSeconds(seconds);
                }
            }
            catch (ClientResultException ex)
            {
                return JudgeOutcome.Failed($"HTTP {ex.Status}: {ex.Message.Split('\n')[0]}");
            }
            catch (Exception ex) when (!ct.IsCancellationRequested && ex is OperationCanceledException or TimeoutException or HttpRequestException or IOException)
            {
                failure = $"timeout or connection error ({ex.GetType().Name})";
            }
            if (attempt >= _o.MaxRetries) return JudgeOutcome.Failed($"{failure} after {attempt + 1} attempts");
            await Task.Delay(retryAfter ?? Backoff(attempt), ct).ConfigureAwait(false);
        }
    }

    /// <summary>Exponential backoff (0.5 s x 2^attempt, at most 30 s) with full jitter.</summary>
    private TimeSpan Backoff(int attempt)
    {
        double cap = Math.Min(30.0, 0.5 * Math.Pow(2, attempt));
        lock (_jitterGate) return TimeSpan.FromSeconds(cap * (0.5 + 0.5 * _jitter.NextDouble()));
    }

    private string CacheKey(string text, List<byte[]> images, bool goal)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string part in new[] { _model, JudgePrompt.TemplateId, JudgePrompt.TemplateHash, goal ? "goal" : "final", text })
        {
            h.AppendData(System.Text.Encoding.UTF8.GetBytes(part));
            h.AppendData([0]);
        }
        foreach (var img in images) h.AppendData(SHA256.HashData(img));
        return Convert.ToHexStringLower(h.GetHashAndReset());
    }

    private string? ReadCache(string key)
    {
        if (_o.CacheDir is null) return null;
        string p = Path.Combine(_o.CacheDir, key[..2], key + ".txt");
        return File.Exists(p) ? File.ReadAllText(p) : null;
    }

    private void WriteCache(string key, string reply)
    {
        if (_o.CacheDir is null) return;
        GapLens.IO.Files.AtomicFile.WriteText(Path.Combine(_o.CacheDir, key[..2], key + ".txt"), reply);
    }
}
