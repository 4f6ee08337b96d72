using System.Globalization;
using System.Text;
using GapLens.Core.Reports;
using GapLens.Reporting.Html;

namespace GapLens.Reporting.Markdown;

/// <summary>
/// A report as Markdown (GitHub flavour): figures link their PNG files, images their files. Text from
/// the data is escaped: HTML special characters become entities (a CSV field never injects markup)
/// and pipes in table cells are escaped. Layout only: every number is written by the model's format.
/// </summary>
public static class MarkdownReportRenderer
{
    /// <param name="report">The report model.</param>
    /// <param name="figureFile">The relative path of a figure's PNG, by figure id.</param>
    public static string Render(Report report, Func<string, string> figureFile)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(figureFile);
        var sb = new StringBuilder(1 << 14);
        sb.Append("# ").Append(Text(report.Title)).Append("\n\n");
        if (report.Subtitle is { } sub) sb.Append(Text(sub)).Append("\n\n");
        if (report.Verdict is { } v)
        {
            sb.Append("> **").Append(ToneWord(v.Tone)).Append(":** ").Append(Text(v.Headline)).Append('\n');
            if (!v.Points.IsDefaultOrEmpty)
            {
                sb.Append(">\n");
                foreach (string p in v.Points) sb.Append("> - ").Append(Text(p)).Append('\n');
            }
            sb.Append('\n');
        }
        foreach (var section in report.Sections)
        {
            sb.Append("## ").Append(Text(section.Title)).Append("\n\n");
            foreach (var block in section.Blocks) Block(sb, block, figureFile);
        }
        if (!report.Facts.IsDefaultOrEmpty)
        {
            sb.Append("## About this run\n\n| | |\n|---|---|\n");
            foreach (var f in report.Facts) sb.Append("| ").Append(Cell(f.Label)).Append(" | ").Append(Code(f.Value)).Append(" |\n");
            sb.Append('\n');
        }
        return sb.ToString().TrimEnd('\n') + "\n";
    }

    private static void Block(StringBuilder sb, Block block, Func<string, string> figureFile)
    {
        switch (block)
        {
            case ParagraphBlock p:
                sb.Append(p.IsLegend ? "_" + Text(p.Text) + "_" : Text(p.Text)).Append("\n\n");
                break;
            case ListBlock l:
                int n = 1;
                foreach (string item in l.Items) sb.Append(l.Ordered ? string.Create(CultureInfo.InvariantCulture, $"{n++}. ") : "- ").Append(Text(item)).Append('\n');
                sb.Append('\n');
                break;
            case MetricsBlock m:
                sb.Append("| Metric | Value | 95% interval | Better |\n|---|---|---|---|\n");
                foreach (var metric in m.Metrics)
                {
                    string ci = metric.Interval is { } i ? metric.Format.Format(i) : metric.PValue is { } p ? "p = " + NumberFormat.PValue.Format(p) : "";
                    sb.Append("| ").Append(Cell(metric.Label)).Append(" | ").Append(Cell(metric.Text)).Append(" | ").Append(Cell(ci)).Append(" | ")
                        .Append(metric.Direction switch { Direction.HigherIsBetter => "higher", Direction.LowerIsBetter => "lower", _ => "" }).Append(" |\n");
                }
                sb.Append('\n');
                var legends = m.Metrics.Where(x => x.Legend is not null).ToList();
                if (legends.Count > 0)
                {
                    foreach (var x in legends) sb.Append("- _").Append(Text(x.Label)).Append("_: ").Append(Text(x.Legend!)).Append('\n');
                    sb.Append('\n');
                }
                break;
            case TableBlock t:
                Table(sb, t.Table);
                break;
            case FigureBlock f:
                sb.Append("![").Append(Text(f.Figure.Title)).Append("](").Append(figureFile(f.Figure.Id)).Append(")\n\n");
                if (f.Figure.Legend is { } fl) sb.Append('_').Append(Text(fl)).Append("_\n\n");
                break;
            case GalleryBlock g:
                if (g.Caption is { } cap) sb.Append('_').Append(Text(cap)).Append("_\n\n");
                var keys = g.Items.SelectMany(i => i.Fields.Select(f => f.Key)).Distinct().ToList();
                sb.Append("| Image | Sample |");
                foreach (string k in keys) sb.Append(' ').Append(Cell(k)).Append(" |");
                sb.Append("\n|---|---|").Append(string.Concat(keys.Select(_ => "---|"))).Append('\n');
                foreach (var item in g.Items)
                {
                    sb.Append("| ").Append(string.Join(" ", item.Images.Select(img => img.Path is { } path ? $"![{Cell(img.Caption)}]({path})" : $"missing: {Cell(img.Problem ?? img.Caption)}")));
                    sb.Append(" | ").Append(Cell(item.Title + (item.Badge is { } b ? $" ({b})" : ""))).Append(" |");
                    foreach (string k in keys)
                    {
                        string value = item.Fields.FirstOrDefault(f => f.Key == k).Value ?? "";
                        sb.Append(' ').Append(Cell(value)).Append(" |");
                    }
                    sb.Append('\n');
                }
                sb.Append('\n');
                if (g.TotalItems is { } total && total > g.Items.Length) sb.Append(string.Create(CultureInfo.InvariantCulture, $"_Showing {g.Items.Length:#,0} of {total:#,0}._\n\n"));
                break;
            case CodeBlock c:
                string fence = Fence(c.Text);
                sb.Append(fence).Append("text\n").Append(c.Text.TrimEnd('\n')).Append('\n').Append(fence).Append("\n\n");
                break;
            case CalloutBlock c:
                sb.Append("> **").Append(ToneWord(c.Tone)).Append(":** ").Append(Text(c.Text)).Append("\n\n");
                break;
            default:
                throw new ArgumentException($"unknown block {block.GetType().Name}", nameof(block));
        }
    }

    private static void Table(StringBuilder sb, Table t)
    {
        if (t.Caption is { } cap) sb.Append("**").Append(Text(cap)).Append("**\n\n");
        sb.Append('|');
        foreach (var c in t.Columns)
        {
            sb.Append(' ').Append(Cell(c.Header)).Append(c.Direction switch { Direction.HigherIsBetter => " ↑", Direction.LowerIsBetter => " ↓", _ => "" }).Append(" |");
        }
        sb.Append("\n|");
        foreach (var c in t.Columns) sb.Append(c.Numeric ? "---:|" : "---|");
        sb.Append('\n');
        foreach (var row in t.Rows)
        {
            sb.Append('|');
            foreach (var cell in row)
            {
                string text = cell switch
                {
                    TextCell { Monospace: true } m => Code(m.Value),
                    BadgeCell b => "**" + Cell(b.Value) + "**",
                    ImageCell { Path: { } path } i => $"![{Cell(i.Alt)}]({path})",
                    LinkCell l => $"[{Cell(l.Label)}](<{l.Href.Replace(">", "%3E", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)}>)",
                    _ => Cell(cell.Text),
                };
                sb.Append(' ').Append(text).Append(" |");
            }
            sb.Append('\n');
        }
        sb.Append('\n');
        if (t.TotalRows is { } total && total > t.Rows.Length) sb.Append(string.Create(CultureInfo.InvariantCulture, $"_Showing the first {t.Rows.Length:#,0} of {total:#,0} rows._\n\n"));
        if (t.Legend is { } legend) sb.Append('_').Append(Text(legend)).Append("_\n\n");
    }

    private static string ToneWord(Tone t) => t switch
    {
        Tone.Good => "Verdict",
        Tone.Warning => "Attention",
        Tone.Bad => "Problem",
        _ => "Note",
    };

    /// <summary>Text with HTML special characters as entities (Markdown renderers pass raw HTML through).</summary>
    internal static string Text(string s) => s.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>A code span in a table cell: raw (HTML inside a code span is shown, not run), one line
    /// (a line break would end the table row and let the rest be read as HTML), no backtick or pipe
    /// that could end it.</summary>
    internal static string Code(string s) => "`" + s.Replace("`", "'", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal) + "`";

    /// <summary>A code fence the text cannot close: ``` for text without backtick fences, else a tilde
    /// fence (at least ~~~~) longer than any run of tildes in the text.</summary>
    internal static string Fence(string text)
    {
        if (!text.Contains("```", StringComparison.Ordinal)) return "```";
        int longest = 0, run = 0;
        foreach (char ch in text)
        {
            run = ch == '~' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return new string('~', Math.Max(4, longest + 1));
    }

    /// <summary>Text for a table cell: escaped, pipes escaped, one line.</summary>
    internal static string Cell(string s) => Text(s).Replace("|", "\\|", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    internal static string DirectionWord(Direction d) => HtmlReportRenderer.DirectionText(d);
}
