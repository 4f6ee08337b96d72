namespace GapLens.Perception.Annotations;

/// <summary>
/// What to keep while streaming an annotation file. Object tracks are large (boxes at every annotated
/// frame), so they are skipped unless asked for; <paramref name="ObjectTracksFor"/> limits them to the
/// videos that need them (null = all). Point tracks, action and sound segments and grounded questions
/// are always skipped.
/// </summary>
public sealed record AnnotationReadOptions(bool ObjectTracks = false, IReadOnlySet<string>? ObjectTracksFor = null)
{
    public static AnnotationReadOptions QuestionsOnly { get; } = new();

    public static AnnotationReadOptions WithObjectTracks { get; } = new(ObjectTracks: true);
}
