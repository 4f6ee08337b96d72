using GapLens.IO.Documents;
using GapLens.Video.Frames;
using Microsoft.Extensions.AI;

namespace GapLens.Video.Agent;

/// <summary>What one tool call produced: its record, the tool message's JSON, and the frames to send
/// (in order, with their images).</summary>
public sealed record ToolOutcome(VideoQaToolCallDocument Record, string ResultJson, IReadOnlyList<(FrameFile Frame, DataContent Image)> Frames);
