using System.Collections.Immutable;

namespace GapLens.Perception.Annotations;

/// <summary>One tracked object: its boxes at the annotated frames (<paramref name="FrameIds"/>[i] goes
/// with <paramref name="Boxes"/>[i]; about one a second, ascending).</summary>
public sealed record ObjectTrack(int Id, string Label, bool IsOccluder, ImmutableArray<int> FrameIds, ImmutableArray<NormalizedBox> Boxes);
