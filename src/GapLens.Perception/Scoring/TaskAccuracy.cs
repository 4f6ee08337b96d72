using System.Collections.Immutable;
using GapLens.Core.Metrics;

namespace GapLens.Perception.Scoring;

/// <summary>
/// One task: a question text shared across videos (the benchmark has 132). Accuracy over its answered
/// questions with the Wilson 95% interval (higher is better); <paramref name="Rank"/> 1 is the task
/// whose interval has the lowest upper bound, the one the model most surely fails. With the videos it
/// appears in and the areas, reasoning types and tags of its questions.
/// </summary>
public sealed record TaskAccuracy(
    int Rank, string TaskId, string Question, long Questions, long Answered, long Correct, int Videos, MetricValue Accuracy,
    ImmutableArray<string> Areas, ImmutableArray<string> ReasoningTypes, ImmutableArray<string> Tags);
