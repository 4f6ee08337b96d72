using System.Collections.Immutable;

namespace GapLens.Perception.Attention;

/// <summary>What the analysis could and could not use: maps listed and scored, maps for questions the
/// annotations do not have, annotated questions without a map, and map frames scored or without a
/// relevant box (no annotated object near that frame, or none matching the labels).</summary>
public sealed record AttentionDiagnostics(
    int MapsListed, int MapsScored, int MapsWithoutQuestion, int QuestionsWithoutMap, long FramesScored, long FramesWithoutBoxes, ImmutableArray<string> Warnings);
