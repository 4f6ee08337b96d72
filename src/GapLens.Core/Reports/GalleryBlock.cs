using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>Images of samples to look at (e.g. the weakest first), each with its facts.
/// <see cref="TotalItems"/> says how many there were when the gallery shows only some.</summary>
public sealed record GalleryBlock(string Id, string? Caption, ImmutableArray<GalleryItem> Items, int? TotalItems = null) : Block;
