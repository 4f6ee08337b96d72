using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>
/// One run's report, built once from its results and rendered many times (Markdown, self-contained
/// HTML, JSON, the web app). It holds values, not text: numbers carry their format, interval, legend
/// and direction; figures carry their data; the renderers only lay them out.
/// </summary>
public sealed record Report(
    string Kind,
    string Title,
    string? Subtitle,
    Verdict? Verdict,
    ImmutableArray<ReportSection> Sections,
    ImmutableArray<ReportFact> Facts)
{
    public const string CurrentFormat = "gaplens.report/1";

    public string Format { get; init; } = CurrentFormat;

    /// <summary>Every metric of the report by id (for machine readers and tests).</summary>
    public IEnumerable<Metric> AllMetrics() => Sections.SelectMany(s => s.Blocks).OfType<MetricsBlock>().SelectMany(b => b.Metrics);

    /// <summary>Every figure of the report, in order.</summary>
    public IEnumerable<Figure> AllFigures() => Sections.SelectMany(s => s.Blocks).OfType<FigureBlock>().Select(b => b.Figure);
}
