using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GapLens.Video.Agent;

namespace GapLens.Jobs.Demo;

/// <summary>
/// The demo's scripted stand-in for a tool-calling VLM and its embeddings model (deterministic, no
/// weights). Embeddings: <see cref="ScriptedColours"/> (a frame embeds as its colour, a text as its first
/// colour word). Chat, following the conversation GapLens' agent sends (frames labelled "Frame k:"):
/// <list type="number">
/// <item>first turn: <c>get_frames_by_similarity</c> with the question's first line;</item>
/// <item>second turn: if the search showed frames of the question's colour, <c>get_frames_by_id</c> for the
/// 8 frames after the last of them; otherwise (a word it cannot search for) 4 frames spread over the video;</item>
/// <item>then it answers with the first colour it saw after that moment (after a miss: the first colour
/// it saw at all), as the option naming it, in a fenced JSON block; a colour no option names gets a reply
/// without a letter (unanswered). Asked to answer with tools refused, it does so at once.</item>
/// </list>
/// It reads every question as "what comes right after": asked what comes before, it still looks after
/// (a wrong answer although retrieval found the moment), which gives the demo's report something to explain.
/// </summary>
public sealed partial class ScriptedVideoQaModel : IScriptedEndpoint
{
    public const string Model = "gaplens-demo-scripted-vlm";

    /// <summary>Frames fetched by id after the moment found.</summary>
    public const int FramesAfter = 8;

    /// <summary>Frames fetched by id over the video when the search found nothing.</summary>
    public const int SkimFrames = 4;

    private const string Vision = "data:";

    public string ModelId => Model;

    [GeneratedRegex(@"The video has (?<n>\d+) frames", RegexOptions.CultureInvariant)]
    private static partial Regex TotalFrames();

    [GeneratedRegex(@"^\((?<letter>[A-Z])\)\s*(?<text>.+?)\s*$", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex Option();

    [GeneratedRegex(@"^Frame (?<id>\d+):$", RegexOptions.CultureInvariant)]
    private static partial Regex FrameLabel();

    [GeneratedRegex(@"from your call to `(?<tool>[a-z_]+)`", RegexOptions.CultureInvariant)]
    private static partial Regex Caption();

    /// <summary>A frame the model was shown: the tool that returned it, its id and its colour.</summary>
    private sealed record Seen(string Tool, int Id, string Colour);

    public string ChatCompletion(JsonElement request)
    {
        var messages = request.GetProperty("messages").EnumerateArray().ToList();
        string first = messages.Where(m => Role(m) == "user").Select(Texts).Select(t => string.Join("\n", t)).FirstOrDefault() ?? "";
        int total = TotalFrames().Match(first) is { Success: true } m ? int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) : 0;
        int at = first.IndexOf("question:\n", StringComparison.Ordinal);
        string question = at >= 0 ? first[(at + "question:\n".Length)..] : first;
        string stem = question.Split('\n')[0];
        string? colour = ScriptedColours.FirstColourWord(stem);
        var seen = FramesSeen(messages);
        int turns = messages.Count(x => Role(x) == "assistant");
        bool tools = request.TryGetProperty("tools", out var t) && t.ValueKind == JsonValueKind.Array && t.GetArrayLength() > 0
            && !(request.TryGetProperty("tool_choice", out var choice) && choice.ValueKind == JsonValueKind.String && choice.GetString() == "none");

        var found = seen.Where(s => s.Tool == AgentPrompt.BySimilarity && s.Colour == colour).Select(s => s.Id).ToList();
        if (tools && turns == 0) return Call(AgentPrompt.BySimilarity, new JsonObject { ["query"] = stem }, messages);
        if (tools && turns == 1 && total > 0)
        {
            int[] ids = found.Count > 0
                ? [.. Enumerable.Range(found.Max() + 1, FramesAfter).Where(i => i <= total)]
                : [.. Enumerable.Range(0, SkimFrames).Select(i => 1 + (int)Math.Round(i * (total - 1) / (double)(SkimFrames - 1))).Distinct()];
            if (ids.Length > 0) return Call(AgentPrompt.ById, new JsonObject { ["frame_ids"] = new JsonArray([.. ids.Select(i => (JsonNode)i)]) }, messages);
        }
        return Answer(question, colour, found, seen, messages);
    }

    public string Embeddings(JsonElement request)
    {
        var input = request.GetProperty("input");
        string[] inputs = input.ValueKind == JsonValueKind.Array ? [.. input.EnumerateArray().Select(e => e.GetString() ?? "")] : [input.GetString() ?? ""];
        bool base64 = request.TryGetProperty("encoding_format", out var f) && f.GetString() == "base64";
        var data = new JsonArray();
        long tokens = 0;
        for (int i = 0; i < inputs.Length; i++)
        {
            float[] v = inputs[i].StartsWith(Vision, StringComparison.Ordinal) ? ScriptedColours.EmbedImage(DataUrlBytes(inputs[i])) : ScriptedColours.EmbedText(inputs[i]);
            tokens += inputs[i].StartsWith(Vision, StringComparison.Ordinal) ? 64 : Math.Max(1, inputs[i].Length / 4);
            data.Add((JsonNode)new JsonObject
            {
                ["object"] = "embedding",
                ["index"] = i,
                ["embedding"] = base64 ? Convert.ToBase64String(MemoryMarshal.AsBytes(v.AsSpan())) : new JsonArray([.. v.Select(x => (JsonNode)x)]),
            });
        }
        string model = request.TryGetProperty("model", out var mm) && mm.ValueKind == JsonValueKind.String ? mm.GetString()! : Model;
        return new JsonObject
        {
            ["object"] = "list",
            ["data"] = data,
            ["model"] = model,
            ["usage"] = new JsonObject { ["prompt_tokens"] = tokens, ["total_tokens"] = tokens },
        }.ToJsonString();
    }

    private static string Answer(string question, string? colour, List<int> found, List<Seen> seen, List<JsonElement> messages)
    {
        var byId = seen.Where(s => s.Tool == AgentPrompt.ById).OrderBy(s => s.Id).ToList();
        Seen? pick = found.Count > 0
            ? byId.FirstOrDefault(s => s.Id > found.Max() && s.Colour != colour)
            : byId.FirstOrDefault(s => s.Colour != ScriptedColours.Grey);
        string? letter = pick is null ? null : Option().Matches(question)
            .FirstOrDefault(o => string.Equals(o.Groups["text"].Value, pick.Colour, StringComparison.OrdinalIgnoreCase))?.Groups["letter"].Value;
        string where = found.Count > 0 ? $"The {colour} screen is at frames {found.Min()}-{found.Max()}." : "My search did not find that moment, so I looked over the whole video.";
        string text = (pick, letter) switch
        {
            (null, _) => where + " I could not see what comes after it, so I cannot tell which option is right.",
            (_, null) => $"{where} Frame {pick.Id} shows {pick.Colour}, which none of the options names, so I cannot tell which option is right.",
            _ => $"{where} Right after it, frame {pick.Id} shows {pick.Colour}.\n```json\n{{\"answer\": \"{letter}\"}}\n```",
        };
        var message = new JsonObject { ["role"] = "assistant", ["content"] = text };
        return Completion(message, "stop", messages, text.Length / 4 + 1);
    }

    private static string Call(string tool, JsonObject arguments, List<JsonElement> messages)
    {
        int turn = messages.Count(x => Role(x) == "assistant");
        var message = new JsonObject
        {
            ["role"] = "assistant",
            ["content"] = null,
            ["tool_calls"] = new JsonArray(new JsonObject
            {
                ["id"] = string.Create(CultureInfo.InvariantCulture, $"call_{turn + 1}"),
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = tool, ["arguments"] = arguments.ToJsonString() },
            }),
        };
        return Completion(message, "tool_calls", messages, 20);
    }

    /// <summary>A chat.completion with a token count that grows like a real one: about 4 characters a
    /// token for texts and 85 tokens an image.</summary>
    private static string Completion(JsonObject message, string finish, List<JsonElement> messages, int completionTokens)
    {
        long prompt = 0;
        foreach (var m in messages)
        {
            prompt += Texts(m).Sum(t => t.Length / 4 + 1);
            if (m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.Array)
            {
                prompt += 85L * c.EnumerateArray().Count(p => p.TryGetProperty("type", out var ty) && ty.GetString() == "image_url");
            }
        }
        return new JsonObject
        {
            ["id"] = "chatcmpl-gaplens-demo",
            ["object"] = "chat.completion",
            ["created"] = 0,
            ["model"] = Model,
            ["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["message"] = message, ["finish_reason"] = finish }),
            ["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completionTokens, ["total_tokens"] = prompt + completionTokens },
        }.ToJsonString();
    }

    /// <summary>Every labelled frame of the user messages that carry tool results, with its colour.</summary>
    private static List<Seen> FramesSeen(List<JsonElement> messages)
    {
        var seen = new List<Seen>();
        foreach (var m in messages.Where(m => Role(m) == "user"))
        {
            if (!m.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array) continue;
            string? tool = null;
            int? id = null;
            foreach (var part in content.EnumerateArray())
            {
                string type = part.TryGetProperty("type", out var ty) ? ty.GetString() ?? "" : "";
                if (type == "text")
                {
                    string text = part.GetProperty("text").GetString() ?? "";
                    if (Caption().Match(text) is { Success: true } c) tool = c.Groups["tool"].Value;
                    else if (FrameLabel().Match(text) is { Success: true } l) id = int.Parse(l.Groups["id"].Value, CultureInfo.InvariantCulture);
                }
                else if (type == "image_url" && tool is not null && id is { } frame)
                {
                    seen.Add(new Seen(tool, frame, ScriptedColours.ColourOf(DataUrlBytes(part.GetProperty("image_url").GetProperty("url").GetString() ?? ""))));
                    id = null;
                }
            }
        }
        return seen;
    }

    private static string Role(JsonElement message) => message.TryGetProperty("role", out var r) ? r.GetString() ?? "" : "";

    private static IEnumerable<string> Texts(JsonElement message)
    {
        if (!message.TryGetProperty("content", out var content)) return [];
        return content.ValueKind switch
        {
            JsonValueKind.String => [content.GetString()!],
            JsonValueKind.Array => content.EnumerateArray()
                .Where(p => p.TryGetProperty("type", out var t) && t.GetString() == "text")
                .Select(p => p.GetProperty("text").GetString() ?? ""),
            _ => [],
        };
    }

    private static byte[] DataUrlBytes(string url)
    {
        int comma = url.IndexOf(',', StringComparison.Ordinal);
        if (!url.StartsWith(Vision, StringComparison.Ordinal) || comma < 0) throw new FormatException("an image that is not a data URL");
        return Convert.FromBase64String(url[(comma + 1)..]);
    }
}
