using System.Globalization;
using System.Text;
using GapLens.Core;
using GapLens.Endpoints;
using GapLens.IO.Files;
using GapLens.IO.Logging;
using Microsoft.Extensions.AI;

namespace GapLens.Judging.Judges;

/// <summary>
/// A VLM judge over any OpenAI-compatible chat endpoint (GPT-4o, InternVL via lmdeploy, Qwen-VL via
/// vLLM) on the one model pipeline (<see cref="ModelEndpoint"/>: retries with backoff and jitter,
/// Retry-After capped, timeouts, reply checks, typed failures, the reply cache as IChatClient
/// middleware): the spec's prompt with the first frame, the expected final frame and the video's last
/// frame as PNG images (goal mode when there is no final frame), temperature 0, strict reply parsing.
/// <para>A failed call fails its item (the reason and, for a malformed reply, the raw body kept). When the
/// endpoint is unusable (401/403/404/unreachable) <see cref="EndpointOptions.StopAfterUnavailable"/>
/// times in a row, <see cref="JudgeAsync"/> throws a <see cref="UserInputException"/> with the one-line
/// reason, which stops the run (exit 2). Only replies that parse are cached, so failed items are asked
/// again by the next run. The API key is read from an environment variable and never written or logged.</para>
/// </summary>
public sealed class OpenAiJudge : IJudge, IDisposable
{
    private const string FinalKey = "solution_correctness_score";
    private const string GoalKey = "goal_achieved_score";

    private readonly OpenAiJudgeOptions _o;
    private readonly IChatClient _finalChat;
    private readonly IChatClient _goalChat;
    private readonly IReadOnlyDictionary<string, string> _guidance;

    private OpenAiJudge(OpenAiJudgeOptions o, ModelEndpoint endpoint, IReadOnlyDictionary<string, string> guidance)
    {
        _o = o;
        Endpoint = endpoint;
        _guidance = guidance;
        _finalChat = endpoint.CreateChatClient(o.CacheDir, r => ReplyParser.Parse(r.Text, FinalKey, "").Score is not null);
        _goalChat = endpoint.CreateChatClient(o.CacheDir, r => ReplyParser.Parse(r.Text, GoalKey, "").Score is not null);
        Identity = new Dictionary<string, string>
        {
            ["judge"] = "openai-compatible",
            ["base_url"] = endpoint.BaseUrl,
            ["model"] = endpoint.ModelId,
            ["prompt_template"] = JudgePrompt.TemplateId,
            ["prompt_template_sha256"] = JudgePrompt.TemplateHash,
            ["temperature"] = "0",
            ["max_retries"] = o.Endpoint.MaxRetries.ToString(CultureInfo.InvariantCulture),
        };
    }

    public string EvaluatorDir => _o.EvaluatorDir ?? DefaultEvaluatorDir(Endpoint.ModelId);

    /// <summary>Judge, base URL (redacted), model id, prompt template id and hash, temperature, retries.</summary>
    public IReadOnlyDictionary<string, string> Identity { get; }

    /// <summary>The endpoint; a run reads <see cref="ModelEndpoint.Failures"/> to stop early.</summary>
    public ModelEndpoint Endpoint { get; }

    public static Task<OpenAiJudge> CreateAsync(OpenAiJudgeOptions o, CancellationToken ct) => CreateAsync(o, null, ct);

    /// <summary>Checks the options and the guidance file (user errors), connects and resolves the model
    /// (the first id of GET /models when not given).</summary>
    public static async Task<OpenAiJudge> CreateAsync(OpenAiJudgeOptions o, RunLog? log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(o);
        o.Endpoint.Validate();
        if (o.GuidanceFile is not null) InputFile.OpenForReading(o.GuidanceFile, "--guidance", "a text file of 'task_type: guidance' lines").Dispose();
        var guidance = JudgePrompt.LoadGuidance(o.GuidanceFile);
        var endpoint = await ModelEndpoint.ConnectAsync(o.Endpoint, log, ct).ConfigureAwait(false);
        return new OpenAiJudge(o, endpoint, guidance);
    }

    /// <summary>A folder name for a judge's scores derived from its model id ("Qwen/Qwen2-VL-7B-Instruct"
    /// gives "qwen2-vl-7b-instruct-eval"): the last path segment, lower case, characters other than
    /// letters, digits, '.', '_' and '-' as '-'.</summary>
    public static string DefaultEvaluatorDir(string modelId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        string name = modelId.TrimEnd('/');
        name = name[(name.LastIndexOf('/') + 1)..].ToLowerInvariant();
        var sb = new StringBuilder(name.Length + 5);
        foreach (char c in name) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        string dir = sb.ToString().Trim('.', '-');
        return (dir.Length == 0 ? "vision" : dir) + "-eval";
    }

    public async Task<JudgeOutcome> JudgeAsync(JudgeInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Endpoint.Failures.ShouldStop) throw Stop(Endpoint.Failures.LastFailure!);
        bool goal = input.FinalFramePng is null && input.Goal is not null;
        string guidance = _guidance.TryGetValue(input.TaskType, out var g) ? g : JudgePrompt.GenericGuidance;
        string text = JudgePrompt.UserText(input, guidance);
        var images = new List<byte[]> { await File.ReadAllBytesAsync(input.FirstFramePng, ct).ConfigureAwait(false) };
        if (!goal) images.Add(await File.ReadAllBytesAsync(input.FinalFramePng!, ct).ConfigureAwait(false));
        images.Add(await File.ReadAllBytesAsync(input.LastFramePng, ct).ConfigureAwait(false));
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, goal ? JudgePrompt.GoalSystem : JudgePrompt.System),
            new(ChatRole.User, [new TextContent(text), .. images.Select(b => (AIContent)new DataContent(b, "image/png"))]),
        };
        var chatOptions = new ChatOptions { Temperature = 0, ModelId = Endpoint.ModelId };
        try
        {
            var response = await (goal ? _goalChat : _finalChat).GetResponseAsync(messages, chatOptions, ct).ConfigureAwait(false);
            return ReplyParser.Parse(response.Text, goal ? GoalKey : FinalKey, goal ? "goal_based" : "final_frame_comparison");
        }
        catch (MalformedReplyException ex)
        {
            return JudgeOutcome.Failed(ex.Message, ex.RawBody);
        }
        catch (EndpointUnavailableException ex)
        {
            if (Endpoint.Failures.ShouldStop) throw Stop(ex);
            return JudgeOutcome.Failed(ex.Message);
        }
        catch (EndpointException ex)
        {
            return JudgeOutcome.Failed(ex.Message);
        }
    }

    public void Dispose() => Endpoint.Dispose();

    private UserInputException Stop(EndpointUnavailableException last) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{last.Message} ({Endpoint.Failures.StopAfter} calls in a row failed like this; run stopped)"), last);
}
