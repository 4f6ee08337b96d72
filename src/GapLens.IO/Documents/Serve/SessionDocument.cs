using System.Collections.Immutable;

namespace GapLens.IO.Documents.Serve;

/// <summary>What a page needs first: the session's anti-forgery value (sent back on every change),
/// how many items and annotators per item, the scale, and whether this session may open Review and
/// Progress (the pages hide their links otherwise).</summary>
public sealed record SessionDocument(string Csrf, int Items, int Overlap, ImmutableArray<RubricLevelDocument> Rubric, bool Reviewer = true);
