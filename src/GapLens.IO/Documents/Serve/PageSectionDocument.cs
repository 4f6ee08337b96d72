using System.Collections.Immutable;

namespace GapLens.IO.Documents.Serve;

/// <summary>A titled report section for a page.</summary>
public sealed record PageSectionDocument(string Id, string Title, ImmutableArray<PageBlockDocument> Blocks);
