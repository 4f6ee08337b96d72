using System.Collections.Immutable;

namespace GapLens.IO.Documents.Serve;

/// <summary>A report (GapLens.Core.Reports) as a web page renders it: everything already written as
/// text by the report model's number formats, so the page writes numbers as the reports do.</summary>
public sealed record PageReportDocument(
    string Title,
    string? Subtitle,
    string? VerdictTone,
    string? Verdict,
    ImmutableArray<string> Points,
    ImmutableArray<PageSectionDocument> Sections);
