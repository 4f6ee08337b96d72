using System.Collections.Immutable;

namespace GapLens.Perception.Annotations;

/// <summary>One video of an annotation file: its metadata, its multiple-choice questions and (when
/// they were asked for) its object tracks. Other annotation kinds are skipped while reading.</summary>
public sealed record PerceptionVideo(string VideoId, VideoMetadata Metadata, ImmutableArray<McQuestion> Questions, ImmutableArray<ObjectTrack> Objects);
