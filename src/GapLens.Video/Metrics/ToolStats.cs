using System.Collections.Immutable;

namespace GapLens.Video.Metrics;

/// <summary>How the agent used its tools over all results: calls per tool and how many were answered
/// with an error, calls and rounds per question, how many questions hit the round limit (and of those,
/// how many still called tools when asked to answer), and the number of questions per round count.</summary>
public sealed record ToolStats(
    long Calls,
    long ByIdCalls,
    long BySimilarityCalls,
    long OtherCalls,
    long ErrorCalls,
    long ByIdErrors,
    long BySimilarityErrors,
    Distribution CallsPerItem,
    Distribution RoundsPerItem,
    long RoundLimitReached,
    long FinalCalledTools,
    ImmutableArray<long> ItemsByRounds);
