using System.Collections.Immutable;
using GapLens.Core.Reports;
using GapLens.IO.Documents.Serve;

namespace GapLens.Web.Views;

/// <summary>
/// A report of the report model as a page shows it: numbers written by their <see cref="NumberFormat"/>
/// (as the Markdown and HTML reports write them), intervals and legends kept, everything as text.
/// Only the block kinds a page uses (paragraphs, metrics, tables) are carried.
/// </summary>
internal static class PageReports
{
    public static PageReportDocument From(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new PageReportDocument(report.Title, report.Subtitle, report.Verdict?.Tone.ToString().ToLowerInvariant(), report.Verdict?.Headline,
            report.Verdict?.Points ?? [],
            [.. report.Sections.Select(s => new PageSectionDocument(s.Id, s.Title, [.. s.Blocks.Select(Block).OfType<PageBlockDocument>()]))]);
    }

    private static PageBlockDocument? Block(Block block) => block switch
    {
        ParagraphBlock p => new PageBlockDocument("paragraph", p.Text, p.IsLegend, null, null),
        MetricsBlock m => new PageBlockDocument("metrics", null, false, [.. m.Metrics.Select(Metric)], null),
        TableBlock t => new PageBlockDocument("table", null, false, null, Table(t.Table)),
        _ => null,
    };

    private static PageMetricDocument Metric(Metric m) => new(m.Id, m.Label, m.Text, m.Interval is null ? null : m.Format.Format(m.Interval),
        m.Direction switch { Direction.HigherIsBetter => "higher is better", Direction.LowerIsBetter => "lower is better", _ => "" }, m.Legend);

    private static PageTableDocument Table(Table t) => new(t.Id, t.Caption, [.. t.Columns.Select(c => c.Header)], [.. t.Columns.Select(c => c.Numeric)],
        [.. t.Rows.Select(r => r.Select(c => new PageCellDocument(c.Text, c is BadgeCell b ? b.Tone.ToString().ToLowerInvariant() : null)).ToImmutableArray())],
        t.Legend);
}
