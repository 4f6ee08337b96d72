using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using GapLens.Core;
using GapLens.IO.Documents;
using GapLens.Video.Encoders;
using GapLens.Video.Frames;
using Microsoft.Extensions.AI;

namespace GapLens.Video.Agent;

/// <summary>
/// Runs the agent's two tools on one video. A call the tools cannot answer (an unknown tool,
/// arguments that are not JSON or lack a field, an empty id list, more than
/// <see cref="AgentOptions.MaxIdsPerCall"/> ids, an id outside 1..total, an empty query) gets an
/// error message the model can read and act on, never an exception. A frame whose image file is
/// missing or unreadable is left out of the reply and listed in the call's record.
/// </summary>
public sealed class FrameTools(VideoSource video, ITextEncoder text, FrameImageLoader images, AgentOptions options)
{
    public async Task<ToolOutcome> ExecuteAsync(FunctionCallContent call, int round, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(call);
        var clock = Stopwatch.StartNew();
        string args = ArgumentsText(call);
        var record = new VideoQaToolCallDocument(round, call.CallId, call.Name, args, "success", null, null, [], [], [], 0);
        ToolOutcome Fail(string message, VideoQaToolCallDocument? r = null) =>
            new((r ?? record) with { Status = "error", Error = message, Ms = clock.Elapsed.TotalMilliseconds }, AgentPrompt.Error(message), []);

        if (call.Exception is not null) return Fail($"the arguments of {call.Name} are not valid JSON ({call.Exception.Message.Split('\n')[0]}); send a JSON object");
        var arguments = call.Arguments ?? new Dictionary<string, object?>();
        switch (call.Name)
        {
            case AgentPrompt.ById:
            {
                var (ids, problem) = FrameIds(arguments);
                if (problem is not null) return Fail(problem, record with { RequestedIds = ids });
                var frames = ids.Distinct().Order().Select(id => video.Frames.ById(id)!).ToList();
                return await SendAsync(record with { RequestedIds = ids }, frames.Select(f => (f, (double?)null)).ToList(), clock, ct).ConfigureAwait(false);
            }
            case AgentPrompt.BySimilarity:
            {
                if (!arguments.TryGetValue("query", out object? q) || Text(q) is not { } query || query.Trim().Length == 0)
                {
                    return Fail($"{AgentPrompt.BySimilarity} needs a non-empty \"query\" string, e.g. {{\"query\": \"a man opens a red door\"}}");
                }
                var embedding = (await text.EncodeAsync([query], ct).ConfigureAwait(false))[0];
                var hits = video.Retriever.Search(embedding, options.TopK);
                var missing = hits.MissingImages;
                var found = hits.Frames.Where(f => f.FrameId is not null).Select(f => (video.Frames.ById(f.FrameId!.Value)!, (double?)f.Score)).ToList();
                return await SendAsync(record with { Query = query, MissingImages = missing }, found, clock, ct).ConfigureAwait(false);
            }
            default:
                return Fail($"there is no tool '{call.Name}'; the tools are {AgentPrompt.ById} and {AgentPrompt.BySimilarity}");
        }
    }

    private async Task<ToolOutcome> SendAsync(VideoQaToolCallDocument record, List<(FrameFile Frame, double? Score)> frames, Stopwatch clock, CancellationToken ct)
    {
        var sent = new List<(FrameFile, DataContent)>(frames.Count);
        var docs = ImmutableArray.CreateBuilder<VideoQaFrameDocument>(frames.Count);
        var missing = record.MissingImages.ToBuilder();
        foreach (var (frame, score) in frames)
        {
            try
            {
                var (bytes, media) = await images.LoadAsync(frame.Path, ct).ConfigureAwait(false);
                sent.Add((frame, new DataContent(bytes, media)));
                docs.Add(new VideoQaFrameDocument(frame.Id, frame.Number, score));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or UserInputException)
            {
                missing.Add($"{frame.FileName}: {ex.Message.Split('\n')[0]}");
            }
        }
        record = record with { Frames = docs.ToImmutable(), MissingImages = missing.ToImmutable(), Ms = clock.Elapsed.TotalMilliseconds };
        if (sent.Count == 0)
        {
            string why = frames.Count == 0 ? "no frame matched" : "none of the frames' image files could be read";
            return new ToolOutcome(record with { Status = "error", Error = why }, AgentPrompt.Error(why), []);
        }
        return new ToolOutcome(record, AgentPrompt.Success(sent.Count), sent);
    }

    /// <summary>The ids asked for, or the reason they cannot be answered.</summary>
    private (ImmutableArray<int> Ids, string? Problem) FrameIds(IDictionary<string, object?> arguments)
    {
        int total = video.TotalFrames;
        string range = string.Create(CultureInfo.InvariantCulture, $"1 to {total}");
        if (!arguments.TryGetValue("frame_ids", out object? value) || value is not JsonElement { ValueKind: JsonValueKind.Array } array)
        {
            return ([], $"{AgentPrompt.ById} needs \"frame_ids\": a list of at most {options.MaxIdsPerCall} integers from {range}, e.g. {{\"frame_ids\": [12, 13]}}");
        }
        var ids = ImmutableArray.CreateBuilder<int>();
        foreach (var e in array.EnumerateArray())
        {
            int? id = e.ValueKind switch
            {
                JsonValueKind.Number when e.TryGetInt32(out int i) => i,
                JsonValueKind.Number when e.TryGetDouble(out double d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue => (int)d,
                JsonValueKind.String when int.TryParse(e.GetString(), NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out int s) => s,
                _ => null,
            };
            if (id is null) return (ids.ToImmutable(), $"frame_ids must be integers from {range}; got {Shown(e)}");
            ids.Add(id.Value);
        }
        if (ids.Count == 0) return ([], $"frame_ids is empty: give 1 to {options.MaxIdsPerCall} ids from {range}");
        if (ids.Count > options.MaxIdsPerCall)
        {
            return (ids.ToImmutable(), string.Create(CultureInfo.InvariantCulture, $"at most {options.MaxIdsPerCall} frame ids per call; got {ids.Count}. Ask again with at most {options.MaxIdsPerCall}"));
        }
        var outside = ids.Where(i => i < 1 || i > total).Distinct().ToList();
        if (outside.Count > 0)
        {
            return (ids.ToImmutable(), string.Create(CultureInfo.InvariantCulture, $"frame ids must be from {range} (the video has {total} frames); got {string.Join(", ", outside)}"));
        }
        return (ids.ToImmutable(), null);
    }

    private static string? Text(object? value) => value switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
        _ => null,
    };

    private static string Shown(JsonElement e)
    {
        string raw = e.GetRawText();
        return raw.Length > 40 ? raw[..37] + "..." : raw;
    }

    /// <summary>The arguments as JSON text, for the record (values as the model sent them).</summary>
    internal static string ArgumentsText(FunctionCallContent call)
    {
        if (call.Arguments is null) return "{}";
        var sb = new StringBuilder("{");
        foreach (var (k, v) in call.Arguments)
        {
            if (sb.Length > 1) sb.Append(", ");
            sb.Append('"').Append(JsonEncodedText.Encode(k, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)).Append("\": ").Append(v switch
            {
                null => "null",
                JsonElement e => e.GetRawText(),
                string s => "\"" + JsonEncodedText.Encode(s, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => "\"" + JsonEncodedText.Encode(v.ToString() ?? "", JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"",
            });
        }
        return sb.Append('}').ToString();
    }
}
