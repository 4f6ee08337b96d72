using System.Collections.Immutable;

namespace GapLens.IO.Documents.Serve;

/// <summary>A report table with every number already written in its format.</summary>
public sealed record PageTableDocument(
    string Id,
    string? Caption,
    ImmutableArray<string> Headers,
    ImmutableArray<bool> Numeric,
    ImmutableArray<ImmutableArray<PageCellDocument>> Rows,
    string? Legend);
