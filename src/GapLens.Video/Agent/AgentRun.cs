using System.Collections.Immutable;
using GapLens.IO.Documents;

namespace GapLens.Video.Agent;

/// <summary>How the agent's conversation about one question went: the final reply's text (null when the
/// model wrote none), the rounds that called tools, whether the round limit was reached, the model
/// calls made, every tool call and message (frames by id), tokens and times.</summary>
public sealed record AgentRun(
    string? FinalText,
    int Rounds,
    bool RoundLimitReached,
    bool FinalCalledTools,
    int ModelCalls,
    ImmutableArray<VideoQaToolCallDocument> ToolCalls,
    ImmutableArray<VideoQaMessageDocument> Conversation,
    VideoQaUsageDocument? Usage,
    double ModelMs,
    double ToolMs);
