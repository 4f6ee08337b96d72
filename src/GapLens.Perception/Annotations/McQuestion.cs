using System.Collections.Immutable;

namespace GapLens.Perception.Annotations;

/// <summary>
/// One multiple-choice question of a video. <paramref name="Index"/> is its position in the video's
/// <c>mc_question</c> list: the starter kit addresses questions by that position (an answer's "id"),
/// so GapLens does too. <paramref name="AnswerId"/> is null where the split has no answers (test).
/// <paramref name="Area"/> is the annotated field, which scoring does not use (areas are derived from
/// the tags, as the starter kit does).
/// </summary>
public sealed record McQuestion(
    int Index, string Question, ImmutableArray<string> Options, int? AnswerId, string? Area, string Reasoning, ImmutableArray<string> Tags);
