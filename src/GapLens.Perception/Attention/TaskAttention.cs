using System.Collections.Immutable;

namespace GapLens.Perception.Attention;

/// <summary>One task's attention: its questions' metrics per slice and their link to correctness.</summary>
public sealed record TaskAttention(string TaskId, string Question, int Questions, ImmutableArray<SliceSummary> Slices, ImmutableArray<CorrectnessLink> Correctness);
