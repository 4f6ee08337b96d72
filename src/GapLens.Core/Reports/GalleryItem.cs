using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>
/// One sample in a gallery: its images (relative paths of files the run wrote, e.g. thumbnails; a
/// null path is an image that could not be shown, with <see cref="Problem"/> saying why), a title, a
/// badge, facts as label/value pairs, and free-text filter keys for the page's filters.
/// </summary>
public sealed record GalleryItem(
    string Title,
    ImmutableArray<GalleryImage> Images,
    ImmutableArray<KeyValuePair<string, string>> Fields,
    string? Badge = null,
    Tone BadgeTone = Tone.Info,
    string? Problem = null)
{
    /// <summary>Values the HTML page can filter on (e.g. model, task type), by filter name.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Filters { get; init; } = [];
}
