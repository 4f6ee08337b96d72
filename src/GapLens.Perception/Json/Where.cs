namespace GapLens.Perception.Json;

/// <summary>Where in an input file a value sits, for error messages built only when an error occurs:
/// "annotations a.json: video video_10, mc_question 3".</summary>
internal readonly record struct Where(string What, string Path, string VideoId, string? Item = null, int Index = -1)
{
    public Where At(string item, int index) => this with { Item = item, Index = index };

    public override string ToString() =>
        Item is null ? $"{What} {Path}: video {VideoId}" : $"{What} {Path}: video {VideoId}, {Item} {Index}";
}
