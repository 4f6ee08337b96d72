using System.Collections.Immutable;

namespace GapLens.IO.Documents;

/// <summary>One message of a video-QA conversation as sent or received: role (system, user, assistant,
/// tool), its parts (text, or a frame by id and number: never the image data), the tool calls of an
/// assistant message and the call a tool message answers.</summary>
public sealed record VideoQaMessageDocument(string Role, ImmutableArray<VideoQaPartDocument> Content)
{
    public ImmutableArray<VideoQaCallRefDocument> ToolCalls { get; init; } = [];

    public string? ToolCallId { get; init; }
}
