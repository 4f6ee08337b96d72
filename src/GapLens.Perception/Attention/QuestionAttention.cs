using System.Collections.Immutable;

namespace GapLens.Perception.Attention;

/// <summary>
/// One question's attention scores: per slice (indexed like the result's slices) and, in
/// <paramref name="Chance"/>, what a uniform map scores on the same boxes. <paramref name="Correct"/>
/// is null when no scoring was given or the question was not answered. <paramref name="FramesScored"/>
/// of <paramref name="Frames"/> map frames had a relevant box; with none, the scores are null and
/// <paramref name="UndefinedReason"/> says why.
/// </summary>
public sealed record QuestionAttention(
    string VideoId, int QuestionId, string TaskId, bool? Correct, int Frames, int FramesScored,
    ImmutableArray<QuestionSliceScores> Slices, QuestionSliceScores Chance, string? UndefinedReason);
