namespace GapLens.Core.Reports;

/// <summary>An image in a gallery item: its caption and the relative path of the file (null: missing, see <see cref="Problem"/>).</summary>
public sealed record GalleryImage(string Caption, string? Path, string? Problem = null);
