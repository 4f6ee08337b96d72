using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace GapLens.Perception.Annotations;

/// <summary>The videos of an annotation file, in file order, with a lookup by video id.</summary>
public sealed record PerceptionAnnotations
{
    private readonly FrozenDictionary<string, PerceptionVideo> _byId;

    public PerceptionAnnotations(string path, ImmutableArray<PerceptionVideo> videos)
    {
        Path = path;
        Videos = videos;
        _byId = videos.ToFrozenDictionary(v => v.VideoId, StringComparer.Ordinal);
        QuestionCount = videos.Sum(v => v.Questions.Length);
    }

    /// <summary>The file the annotations were read from.</summary>
    public string Path { get; }

    public ImmutableArray<PerceptionVideo> Videos { get; }

    /// <summary>Multiple-choice questions over all videos.</summary>
    public int QuestionCount { get; }

    public PerceptionVideo? Find(string videoId) => _byId.GetValueOrDefault(videoId);

    [JsonIgnore]
    public IReadOnlyDictionary<string, PerceptionVideo> ById => _byId;
}
