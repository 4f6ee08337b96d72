using System.Collections.Immutable;

namespace GapLens.IO.Documents;

/// <summary>
/// One tool call of a video-QA agent: in which round, its id, tool name and arguments as the model
/// sent them, whether it succeeded ("success") or was answered with an error the model could read
/// ("error", with the message), the query (similarity) or ids asked for (by id), the frames returned
/// in order, frames whose image file was missing, and the time it took.
/// </summary>
public sealed record VideoQaToolCallDocument(
    int Round,
    string CallId,
    string Name,
    string Arguments,
    string Status,
    string? Error,
    string? Query,
    ImmutableArray<int> RequestedIds,
    ImmutableArray<VideoQaFrameDocument> Frames,
    ImmutableArray<string> MissingImages,
    double Ms);
