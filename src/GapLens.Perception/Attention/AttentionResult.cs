using System.Collections.Immutable;

namespace GapLens.Perception.Attention;

/// <summary>
/// Attention maps against ground-truth object boxes: the slices scored, each slice's metrics over all
/// questions (beside chance), per task, their link to correctness (overall and per task), the slices
/// ranked by that link, and every question's scores (the evidence).
/// </summary>
public sealed record AttentionResult(
    AttentionOptions Settings,
    ImmutableArray<AttentionSlice> Slices,
    ImmutableArray<SliceSummary> Overall,
    ImmutableArray<CorrectnessLink> Correctness,
    ImmutableArray<SliceRanking> Ranking,
    ImmutableArray<TaskAttention> Tasks,
    ImmutableArray<QuestionAttention> Questions,
    AttentionDiagnostics Diagnostics);
