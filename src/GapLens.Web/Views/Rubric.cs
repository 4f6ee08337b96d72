using System.Collections.Immutable;
using GapLens.IO.Documents.Serve;

namespace GapLens.Web.Views;

/// <summary>The 1-5 scale with spec 02's wording. The pass threshold is deliberately not part of it:
/// printed next to the scale, it anchors raters.</summary>
internal static class Rubric
{
    public static readonly ImmutableArray<RubricLevelDocument> Levels =
    [
        new(1, "completely wrong"),
        new(2, "mostly incorrect"),
        new(3, "partially correct (about half)"),
        new(4, "mostly correct, minor errors"),
        new(5, "perfect"),
    ];
}
