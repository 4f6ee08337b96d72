using System.Globalization;
using System.Text.Json;
using Reply = GapLens.Testing.FakeOpenAiServer.Reply;
using ToolCall = GapLens.Testing.FakeOpenAiServer.ToolCall;

namespace GapLens.Testing;

/// <summary>
/// A scripted tool-calling video-QA "model" for <see cref="FakeOpenAiServer.Responder"/>: it reads the
/// question from the first user message and the number of assistant turns so far, and lets the test
/// decide each reply. <see cref="Standard"/> calls get_frames_by_similarity, then get_frames_by_id, then
/// answers with a fenced JSON block.
/// </summary>
public static class VideoQaScript
{
    /// <summary>A responder from a decision on (question text, assistant turns so far, the request body).</summary>
    public static Func<JsonDocument, Reply?> Responder(Func<string, int, JsonDocument, Reply> decide)
    {
        ArgumentNullException.ThrowIfNull(decide);
        return body =>
        {
            var messages = body.RootElement.GetProperty("messages").EnumerateArray().ToList();
            string first = messages.Where(m => m.GetProperty("role").GetString() == "user").Select(Text).FirstOrDefault() ?? "";
            int turns = messages.Count(m => m.GetProperty("role").GetString() == "assistant");
            return decide(first, turns, body);
        };
    }

    /// <summary>Similarity search, then frames 1 and 2 by id, then the answer <paramref name="answer"/> gives for the question.</summary>
    public static Func<JsonDocument, Reply?> Standard(Func<string, string> answer) => Responder((question, turns, _) => turns switch
    {
        0 => Similarity("a red screen"),
        1 => ById(1, 2),
        _ => Answer(answer(question)),
    });

    public static Reply Similarity(string query, string id = "call_sim") =>
        Reply.Calls(new ToolCall("get_frames_by_similarity", JsonSerializer.Serialize(new { query }), id));

    public static Reply ById(params int[] ids) =>
        Reply.Calls(new ToolCall("get_frames_by_id", JsonSerializer.Serialize(new { frame_ids = ids }), "call_id"));

    /// <summary>Reasoning, then the fenced JSON block with the letter.</summary>
    public static Reply Answer(string letter) => new(200, string.Create(CultureInfo.InvariantCulture, $"The frames show the moment.\n```json\n{{\"answer\": \"{letter}\"}}\n```"));

    /// <summary>The text of a message (its content string, or its text parts joined).</summary>
    public static string Text(JsonElement message)
    {
        var content = message.GetProperty("content");
        return content.ValueKind switch
        {
            JsonValueKind.String => content.GetString()!,
            JsonValueKind.Array => string.Join("\n", content.EnumerateArray()
                .Where(p => p.TryGetProperty("type", out var t) && t.GetString() == "text").Select(p => p.GetProperty("text").GetString())),
            _ => "",
        };
    }
}
