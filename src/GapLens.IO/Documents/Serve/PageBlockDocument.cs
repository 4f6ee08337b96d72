using System.Collections.Immutable;

namespace GapLens.IO.Documents.Serve;

/// <summary>A report block for a page: "paragraph" (text, legend or not), "metrics" or "table".</summary>
public sealed record PageBlockDocument(string Type, string? Text, bool Legend, ImmutableArray<PageMetricDocument>? Metrics, PageTableDocument? Table);
