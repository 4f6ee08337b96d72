using System.Collections.Immutable;
using System.Diagnostics;
using GapLens.Core;
using GapLens.Core.VideoQa;
using GapLens.Endpoints;
using GapLens.IO.Documents;
using GapLens.Video.Encoders;
using Microsoft.Extensions.AI;

namespace GapLens.Video.Agent;

/// <summary>
/// The video-QA agent loop of spec 03 over any <see cref="IChatClient"/> with tool calling:
/// <list type="number">
/// <item>a system prompt with the two tools (<see cref="AgentPrompt"/>) and the first user message
/// "The video has {n} frames (ID 1 to {n}) and is {s} seconds long. Please answer this question:\n{question}";</item>
/// <item>each reply that calls tools is a round: every call gets a tool message
/// <c>{"status": "success", "retrieved_frame_count": n}</c> (or an error the model can read), then a user
/// message "Here are the {n} frames from your call to `{name}`." with the frames as image data URLs
/// (with several calls in one reply, the tool messages come first, as the chat API requires);</item>
/// <item>a reply without tool calls is the answer; after <see cref="AgentOptions.MaxRounds"/> rounds,
/// one more call, with tools refused, asks for the answer with what was gathered.</item>
/// </list>
/// Temperature 0. Frames are recorded by id and number, never as image data. A failed model call
/// (after the pipeline's retries) ends the question with an <see cref="AgentException"/>: never an answer.
/// </summary>
public sealed class VideoQaAgent(IChatClient chat, ITextEncoder text, AgentOptions options, string modelId)
{
    private readonly IList<AITool> _tools = AgentPrompt.Tools(options.MaxIdsPerCall);
    public AgentOptions Options { get; } = options;

    /// <summary>Reads (and with --image-max-side re-encodes and caches) the frames sent; shared by every question of the run.</summary>
    public FrameImageLoader Images { get; } = new(options.ImageMaxSide, options.JpegQuality, options.ImageCacheBytes);

    public async Task<AgentRun> AnswerAsync(QaItem item, VideoSource video, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(video);
        var tools = new FrameTools(video, text, Images, Options);
        double duration = item.DurationSeconds ?? video.TotalFrames / video.Fps;
        string system = AgentPrompt.System(Options.TopK, Options.MaxIdsPerCall);
        string first = AgentPrompt.FirstUser(video.TotalFrames, duration, item.Question);
        var messages = new List<ChatMessage> { new(ChatRole.System, system), new(ChatRole.User, first) };
        var conversation = ImmutableArray.CreateBuilder<VideoQaMessageDocument>();
        conversation.Add(TextMessage("system", system));
        conversation.Add(TextMessage("user", first));
        var calls = ImmutableArray.CreateBuilder<VideoQaToolCallDocument>();
        var usage = new UsageSum();
        double modelMs = 0, toolMs = 0;
        int rounds = 0, modelCalls = 0;
        string? final = null;
        bool limit = false, finalCalledTools = false;
        try
        {
            while (true)
            {
                bool last = rounds >= Options.MaxRounds;
                if (last)
                {
                    limit = true;
                    messages.Add(new ChatMessage(ChatRole.User, AgentPrompt.FinalUser));
                    conversation.Add(TextMessage("user", AgentPrompt.FinalUser));
                }
                var chatOptions = new ChatOptions { Temperature = 0, ModelId = modelId, Tools = _tools, ToolMode = last ? ChatToolMode.None : ChatToolMode.Auto };
                var clock = Stopwatch.StartNew();
                var response = await chat.GetResponseAsync(messages, chatOptions, ct).ConfigureAwait(false);
                modelMs += clock.Elapsed.TotalMilliseconds;
                modelCalls++;
                usage.Add(response.Usage);
                var requested = response.Messages.SelectMany(m => m.Contents.OfType<FunctionCallContent>()).ToList();
                string replyText = response.Text;
                conversation.Add(new VideoQaMessageDocument("assistant", replyText.Length > 0 ? [new VideoQaPartDocument("text", replyText)] : [])
                {
                    ToolCalls = [.. requested.Select(c => new VideoQaCallRefDocument(c.CallId, c.Name, FrameTools.ArgumentsText(c)))],
                });
                if (requested.Count == 0 || last)
                {
                    final = replyText.Length > 0 ? replyText : null;
                    finalCalledTools = requested.Count > 0;
                    break;
                }
                rounds++;
                messages.AddRange(response.Messages);
                var toolClock = Stopwatch.StartNew();
                var outcomes = new List<ToolOutcome>(requested.Count);
                foreach (var call in requested) outcomes.Add(await tools.ExecuteAsync(call, rounds, ct).ConfigureAwait(false));
                toolMs += toolClock.Elapsed.TotalMilliseconds;
                foreach (var o in outcomes)
                {
                    calls.Add(o.Record);
                    messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(o.Record.CallId, o.ResultJson)]));
                    conversation.Add(new VideoQaMessageDocument("tool", [new VideoQaPartDocument("text", o.ResultJson)]) { ToolCallId = o.Record.CallId });
                }
                foreach (var o in outcomes.Where(o => o.Frames.Count > 0))
                {
                    string caption = AgentPrompt.FramesUser(o.Frames.Count, o.Record.Name);
                    var parts = new List<AIContent> { new TextContent(caption) };
                    var docParts = ImmutableArray.CreateBuilder<VideoQaPartDocument>();
                    docParts.Add(new VideoQaPartDocument("text", caption));
                    foreach (var (frame, image) in o.Frames)
                    {
                        if (Options.FrameLabels)
                        {
                            parts.Add(new TextContent(AgentPrompt.FrameLabel(frame.Id)));
                            docParts.Add(new VideoQaPartDocument("text", AgentPrompt.FrameLabel(frame.Id)));
                        }
                        parts.Add(image);
                        docParts.Add(new VideoQaPartDocument("frame", FrameId: frame.Id, FrameNumber: frame.Number));
                    }
                    messages.Add(new ChatMessage(ChatRole.User, parts));
                    conversation.Add(new VideoQaMessageDocument("user", docParts.ToImmutable()));
                }
            }
        }
        catch (Exception ex) when (ex is EndpointException or UserInputException or IOException)
        {
            throw new AgentException(ex.Message, rounds, ex);
        }
        return new AgentRun(final, rounds, limit, finalCalledTools, modelCalls, calls.ToImmutable(), conversation.ToImmutable(), usage.ToDocument(), modelMs, toolMs);
    }

    private static VideoQaMessageDocument TextMessage(string role, string text) => new(role, [new VideoQaPartDocument("text", text)]);

    /// <summary>Token counts summed over calls; a count no call reported stays null.</summary>
    private sealed class UsageSum
    {
        private long? _prompt, _completion, _total;

        public void Add(UsageDetails? u)
        {
            if (u is null) return;
            if (u.InputTokenCount is { } p) _prompt = (_prompt ?? 0) + p;
            if (u.OutputTokenCount is { } c) _completion = (_completion ?? 0) + c;
            if (u.TotalTokenCount is { } t) _total = (_total ?? 0) + t;
        }

        public VideoQaUsageDocument? ToDocument() => _prompt is null && _completion is null && _total is null ? null : new(_prompt, _completion, _total);
    }
}
