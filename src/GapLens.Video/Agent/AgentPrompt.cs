using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace GapLens.Video.Agent;

/// <summary>
/// The texts and tool schemas of the video-QA agent (spec 03), versioned: <see cref="TemplateId"/> and
/// <see cref="TemplateHash"/> go into every result and the run record, so results made with other
/// texts are never mixed on resume.
/// </summary>
public static class AgentPrompt
{
    public const string TemplateId = "gaplens.videoqa.agent/1";

    public const string ById = "get_frames_by_id";
    public const string BySimilarity = "get_frames_by_similarity";

    private const string SystemTemplate = """
        You are a video question-answering assistant. You cannot watch the video: you see it only through the frames you retrieve with two tools, so retrieve frames strategically.

        Tools:
        - get_frames_by_id(frame_ids): returns the frames with these ids, in time order. Ids run from 1 (the start of the video) to the number of frames (its end), one frame per sampling step. At most {maxIds} ids per call.
        - get_frames_by_similarity(query): returns the {topK} frames whose content best matches a short visual description (cosine similarity between the description and the frames).

        Search by description to find the moments that matter, fetch frames by id around them to check details, and stop retrieving once you can answer.
        When you answer, give your reasoning, then the letter of the correct option in a fenced JSON block:
        ```json
        {"answer": "X"}
        ```
        """;

    /// <summary>Asked after the last allowed round, with tools refused.</summary>
    public const string FinalUser = """
        You have used all your tool calls. Answer the question now with the frames you have gathered: give your reasoning, then the letter of the correct option in a fenced JSON block:
        ```json
        {"answer": "X"}
        ```
        """;

    public static string TemplateHash { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
        TemplateId + SystemTemplate + FinalUser + FirstUser(0, 0, "") + FramesUser(0, "") + Success(0) + ToolSchemas(10))))[..16];

    public static string System(int topK, int maxIds) => SystemTemplate
        .Replace("{topK}", topK.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{maxIds}", maxIds.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The first user message; the length in seconds is written as Python's {:.0f} writes it
    /// (rounded half to even).</summary>
    public static string FirstUser(int totalFrames, double durationSeconds, string question) =>
        string.Create(CultureInfo.InvariantCulture,
            $"The video has {totalFrames} frames (ID 1 to {totalFrames}) and is {Math.Round(durationSeconds, MidpointRounding.ToEven):0} seconds long. Please answer this question:\n{question}");

    /// <summary>The user message that carries a tool call's frames.</summary>
    public static string FramesUser(int count, string toolName) => string.Create(CultureInfo.InvariantCulture, $"Here are the {count} frames from your call to `{toolName}`.");

    /// <summary>The tool message of a call that returned frames.</summary>
    public static string Success(int count) => string.Create(CultureInfo.InvariantCulture, $"{{\"status\": \"success\", \"retrieved_frame_count\": {count}}}");

    /// <summary>The tool message of a call that could not be answered, with a message the model can act on.</summary>
    public static string Error(string message) =>
        $"{{\"status\": \"error\", \"error\": \"{JsonEncodedText.Encode(message, JavaScriptEncoder.UnsafeRelaxedJsonEscaping)}\"}}";

    /// <summary>The label put before a frame with <see cref="AgentOptions.FrameLabels"/>.</summary>
    public static string FrameLabel(int id) => string.Create(CultureInfo.InvariantCulture, $"Frame {id}:");

    /// <summary>The two tools as declarations (the agent runs them itself).</summary>
    public static IList<AITool> Tools(int maxIds)
    {
        using var schemas = JsonDocument.Parse(ToolSchemas(maxIds));
        var root = schemas.RootElement;
        return
        [
            AIFunctionFactory.CreateDeclaration(ById, "Returns the video frames with the given ids (1 = the start of the video), in time order.", root.GetProperty(ById).Clone()),
            AIFunctionFactory.CreateDeclaration(BySimilarity, "Returns the video frames that best match a short visual description.", root.GetProperty(BySimilarity).Clone()),
        ];
    }

    private static string ToolSchemas(int maxIds) => $$"""
        {
          "{{ById}}": {
            "type": "object",
            "properties": {
              "frame_ids": {
                "type": "array",
                "items": { "type": "integer" },
                "maxItems": {{maxIds.ToString(CultureInfo.InvariantCulture)}},
                "description": "Frame ids, from 1 to the number of frames of the video; at most {{maxIds.ToString(CultureInfo.InvariantCulture)}}."
              }
            },
            "required": ["frame_ids"]
          },
          "{{BySimilarity}}": {
            "type": "object",
            "properties": {
              "query": { "type": "string", "description": "A short description of what the frames should show." }
            },
            "required": ["query"]
          }
        }
        """;
}
