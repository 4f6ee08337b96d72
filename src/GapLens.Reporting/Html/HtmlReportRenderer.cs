using System.Globalization;
using System.Net;
using System.Text;
using GapLens.Core.Reports;
using GapLens.Reporting.Figures;

namespace GapLens.Reporting.Html;

/// <summary>
/// A report as one self-contained HTML page: inline CSS, figures as inline SVG, images as data URIs,
/// a Content-Security-Policy that allows no external source, every text escaped. Gallery filters are
/// a few lines of plain JavaScript (no CDN). Layout only: every number is written by the model's format.
/// </summary>
public static class HtmlReportRenderer
{
    private const string Css = """
        :root{--ink:#1d2330;--muted:#5b6475;--line:#d9dde5;--bg:#f6f7f9;--good:#2f9e44;--warn:#e8a33d;--bad:#d9480f;--info:#4263eb}
        *{box-sizing:border-box}
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;background:var(--bg);color:var(--ink);line-height:1.4}
        main{max-width:1160px;margin:0 auto;padding:24px 28px 60px}
        h1{font-size:26px;margin:8px 0 4px}h2{font-size:20px;margin:34px 0 10px;border-bottom:2px solid var(--line);padding-bottom:4px}
        h3{font-size:16px;margin:18px 0 6px}.meta{color:var(--muted);font-size:13px;overflow-wrap:anywhere}
        .verdict{font-size:17px;padding:14px 18px;border-radius:8px;margin:14px 0;background:#eef2ff;border-left:6px solid var(--info)}
        .verdict.good{background:#e8f4ea;border-left-color:var(--good)}.verdict.warning{background:#fff4e0;border-left-color:var(--warn)}.verdict.bad{background:#fdecea;border-left-color:var(--bad)}
        .verdict ul{margin:8px 0 0;font-size:14px}
        .callout{padding:10px 14px;border-radius:6px;margin:10px 0;background:#eef2ff;border-left:4px solid var(--info);font-size:14px}
        .callout.good{background:#e8f4ea;border-left-color:var(--good)}.callout.warning{background:#fff4e0;border-left-color:var(--warn)}.callout.bad{background:#fdecea;border-left-color:var(--bad)}
        .tablewrap{max-width:100%;overflow-x:auto}
        table{border-collapse:collapse;margin:8px 0 6px;background:#fff;font-size:14px}
        caption{text-align:left;font-weight:600;padding:4px 0;caption-side:top}
        th,td{border:1px solid var(--line);padding:5px 9px;text-align:left;vertical-align:middle;overflow-wrap:anywhere}th{background:#eef1f6;overflow-wrap:normal}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        td .ci{display:block;font-size:12px;color:var(--muted);white-space:normal}th.num{white-space:normal}
        code,.mono{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:13px}
        .metrics{display:grid;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));gap:10px;margin:10px 0}
        .metric{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 12px;min-width:0;overflow-wrap:anywhere}
        .metric .label{font-size:13px;color:var(--muted)}.metric .value{font-size:22px;font-weight:600;font-variant-numeric:tabular-nums}
        .metric .ci,.metric .dir,.metric .legend{font-size:12px;color:var(--muted)}
        .plot{background:#fff;border:1px solid var(--line);border-radius:6px;padding:6px;margin:12px 0}
        .plot svg{display:block;margin:0 auto;max-width:100%;height:auto}
        .legend{color:var(--muted);font-size:13px}
        .gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:12px}
        figure{margin:0;background:#fff;border:1px solid var(--line);border-radius:6px;padding:8px;font-size:12px;min-width:0}
        figure .imgs{display:flex;gap:4px;flex-wrap:wrap;justify-content:center}
        figure .img{text-align:center;color:var(--muted);font-size:11px}
        figure img{max-width:128px;max-height:128px;display:block;margin:0 auto 2px;cursor:zoom-in}
        figure img.zoom{position:fixed;inset:0;margin:auto;max-width:96vw;max-height:96vh;z-index:10;background:#fff;box-shadow:0 0 0 100vmax rgba(0,0,0,.65);cursor:zoom-out}
        figure .missing{width:128px;height:128px;margin:0 auto 2px;display:flex;align-items:center;justify-content:center;background:#fff4e6;color:#a15c00;text-align:center;padding:4px;overflow-wrap:anywhere;overflow:hidden}
        figcaption{overflow-wrap:anywhere}figcaption dl{margin:4px 0 0;display:grid;grid-template-columns:auto 1fr;gap:1px 6px}figcaption dt{color:var(--muted)}figcaption dd{margin:0}
        .tag{display:inline-block;padding:1px 6px;border-radius:10px;font-size:11px;background:#e7ecf5;white-space:nowrap;overflow-wrap:normal}.tag.bad{background:#fde2dd}.tag.warning{background:#ffe8c2}.tag.good{background:#d3f9d8}
        .filters{margin:6px 0 10px;font-size:13px}.filters select{margin:0 10px 0 4px}
        pre{background:#fff;border:1px solid var(--line);padding:10px;overflow-x:auto;font-size:13px}
        ol li,ul li{margin:4px 0}
        footer{margin-top:40px;font-size:13px;color:var(--muted)}footer table{font-size:13px}
        """;

    /// <summary>A gallery image opens at its own size over the page on a click (the thumbnails are
    /// 128 px; an overlay's cells, boxes and caption need the full image), and closes on the next.</summary>
    private const string ZoomScript = """
        document.querySelectorAll('.gallery figure img').forEach(function(i){
          i.addEventListener('click', function(){ var z=i.classList.contains('zoom'); document.querySelectorAll('img.zoom').forEach(function(o){ o.classList.remove('zoom'); }); if(!z) i.classList.add('zoom'); });
        });
        document.addEventListener('keydown', function(e){ if(e.key==='Escape') document.querySelectorAll('img.zoom').forEach(function(o){ o.classList.remove('zoom'); }); });
        """;

    private const string FilterScript = """
        document.querySelectorAll('.gallery-block').forEach(function(block){
          var selects=block.querySelectorAll('select[data-filter]');
          function apply(){
            block.querySelectorAll('figure[data-item]').forEach(function(f){
              var show=true;
              selects.forEach(function(s){ if(s.value && f.getAttribute('data-f-'+s.getAttribute('data-filter'))!==s.value) show=false; });
              f.style.display=show?'':'none';
            });
          }
          selects.forEach(function(s){ s.addEventListener('change', apply); });
        });
        """;

    /// <param name="report">The report model.</param>
    /// <param name="figures">The drawn figures by id (SVG is inlined).</param>
    /// <param name="images">Image bytes by the relative path the model names (embedded as data URIs; a
    /// path without bytes is linked relatively).</param>
    public static string Render(Report report, IReadOnlyDictionary<string, RenderedFigure> figures, IReadOnlyDictionary<string, byte[]> images)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(figures);
        ArgumentNullException.ThrowIfNull(images);
        var sb = new StringBuilder(1 << 16);
        bool hasFilters = report.Sections.SelectMany(s => s.Blocks).OfType<GalleryBlock>().Any(g => g.Items.Any(i => !i.Filters.IsDefaultOrEmpty));
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">");
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">");
        sb.Append("<title>").Append(E(report.Title)).Append("</title><style>").Append(Css).Append("</style></head><body><main>\n");
        sb.Append("<h1>").Append(E(report.Title)).Append("</h1>");
        if (report.Subtitle is { } sub) sb.Append("<p class=\"meta\">").Append(E(sub)).Append("</p>");
        if (report.Verdict is { } v)
        {
            sb.Append("<div class=\"verdict ").Append(ToneClass(v.Tone)).Append("\" id=\"verdict-box\"><strong>").Append(E(v.Headline)).Append("</strong>");
            if (!v.Points.IsDefaultOrEmpty)
            {
                sb.Append("<ul>");
                foreach (string p in v.Points) sb.Append("<li>").Append(E(p)).Append("</li>");
                sb.Append("</ul>");
            }
            sb.Append("</div>\n");
        }
        foreach (var section in report.Sections)
        {
            sb.Append("<section id=\"").Append(E(section.Id)).Append("\"><h2>").Append(E(section.Title)).Append("</h2>");
            foreach (var block in section.Blocks) Block(sb, block, figures, images);
            sb.Append("</section>\n");
        }
        if (!report.Facts.IsDefaultOrEmpty)
        {
            sb.Append("<footer><h2>About this run</h2><div class=\"tablewrap\"><table>");
            foreach (var f in report.Facts) sb.Append("<tr><th>").Append(E(f.Label)).Append("</th><td class=\"mono\">").Append(E(f.Value)).Append("</td></tr>");
            sb.Append("</table></div></footer>");
        }
        sb.Append("</main>");
        if (hasFilters) sb.Append("<script>").Append(FilterScript).Append("</script>");
        if (report.Sections.SelectMany(s => s.Blocks).OfType<GalleryBlock>().Any()) sb.Append("<script>").Append(ZoomScript).Append("</script>");
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static void Block(StringBuilder sb, Block block, IReadOnlyDictionary<string, RenderedFigure> figures, IReadOnlyDictionary<string, byte[]> images)
    {
        switch (block)
        {
            case ParagraphBlock p:
                sb.Append(p.IsLegend ? "<p class=\"legend\">" : "<p>").Append(E(p.Text)).Append("</p>");
                break;
            case ListBlock l:
                sb.Append(l.Ordered ? "<ol>" : "<ul>");
                foreach (string item in l.Items) sb.Append("<li>").Append(E(item)).Append("</li>");
                sb.Append(l.Ordered ? "</ol>" : "</ul>");
                break;
            case MetricsBlock m:
                sb.Append("<div class=\"metrics\">");
                foreach (var metric in m.Metrics) Metric(sb, metric);
                sb.Append("</div>");
                break;
            case TableBlock t:
                Table(sb, t.Table, images);
                break;
            case FigureBlock f:
                if (!figures.TryGetValue(f.Figure.Id, out var drawn)) throw new ArgumentException($"figure {f.Figure.Id} was not drawn", nameof(figures));
                sb.Append("<div class=\"plot\" id=\"plot-").Append(E(f.Figure.Id)).Append("\" role=\"img\" aria-label=\"").Append(E(f.Figure.Title)).Append("\">");
                sb.Append(StripXmlDeclaration(drawn.Svg)).Append("</div>");
                if (f.Figure.Legend is { } legend) sb.Append("<p class=\"legend\">").Append(E(legend)).Append("</p>");
                break;
            case GalleryBlock g:
                Gallery(sb, g, images);
                break;
            case CodeBlock c:
                sb.Append("<pre>").Append(E(c.Text)).Append("</pre>");
                break;
            case CalloutBlock c:
                sb.Append("<div class=\"callout ").Append(ToneClass(c.Tone)).Append("\">").Append(E(c.Text)).Append("</div>");
                break;
            default:
                throw new ArgumentException($"unknown block {block.GetType().Name}", nameof(block));
        }
    }

    private static void Metric(StringBuilder sb, Metric m)
    {
        sb.Append("<div class=\"metric\" data-metric=\"").Append(E(m.Id)).Append("\"><div class=\"label\">").Append(E(m.Label)).Append("</div>");
        sb.Append("<div class=\"value\">").Append(E(m.Text)).Append("</div>");
        if (m.Interval is { } ci) sb.Append("<div class=\"ci\">").Append(E(IntervalLabel(ci))).Append(' ').Append(E(m.Format.Format(ci))).Append("</div>");
        if (m.PValue is { } p) sb.Append("<div class=\"ci\">p = ").Append(E(NumberFormat.PValue.Format(p))).Append("</div>");
        if (m.Direction != Direction.Neutral) sb.Append("<div class=\"dir\">").Append(DirectionText(m.Direction)).Append("</div>");
        if (m.Legend is { } legend) sb.Append("<div class=\"legend\">").Append(E(legend)).Append("</div>");
        sb.Append("</div>");
    }

    internal static string IntervalLabel(GapLens.Core.Statistics.Interval ci) =>
        string.Create(CultureInfo.InvariantCulture, $"{ci.Level * 100:0.#}% CI ({ci.Method})");

    internal static string DirectionText(Direction d) => d switch
    {
        Direction.HigherIsBetter => "↑ higher is better",
        Direction.LowerIsBetter => "↓ lower is better",
        _ => "",
    };

    private static void Table(StringBuilder sb, Table t, IReadOnlyDictionary<string, byte[]> images)
    {
        sb.Append("<div class=\"tablewrap\"><table id=\"table-").Append(E(t.Id)).Append("\">");
        if (t.Caption is { } cap) sb.Append("<caption>").Append(E(cap)).Append("</caption>");
        // A key-value table (every header empty) gets no header row: it showed as an empty first row.
        bool headed = t.Columns.Any(c => c.Header.Length > 0 || c.Direction != Direction.Neutral);
        if (headed) sb.Append("<thead><tr>");
        foreach (var c in headed ? t.Columns : [])
        {
            sb.Append(c.Numeric ? "<th class=\"num\"" : "<th");
            string? title = c.Legend ?? (c.Direction != Direction.Neutral ? DirectionText(c.Direction) : null);
            if (title is not null) sb.Append(" title=\"").Append(E(title)).Append('"');
            sb.Append('>').Append(E(c.Header));
            if (c.Direction == Direction.HigherIsBetter) sb.Append(" ↑");
            else if (c.Direction == Direction.LowerIsBetter) sb.Append(" ↓");
            sb.Append("</th>");
        }
        sb.Append(headed ? "</tr></thead><tbody>" : "<tbody>");
        foreach (var row in t.Rows)
        {
            sb.Append("<tr>");
            for (int i = 0; i < row.Length; i++) Cell(sb, row[i], i < t.Columns.Length && t.Columns[i].Numeric, images);
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table></div>");
        if (t.TotalRows is { } total && total > t.Rows.Length)
        {
            sb.Append("<p class=\"legend\">").Append(E(string.Create(CultureInfo.InvariantCulture, $"Showing the first {t.Rows.Length:#,0} of {total:#,0} rows."))).Append("</p>");
        }
        if (t.Legend is { } legend) sb.Append("<p class=\"legend\">").Append(E(legend)).Append("</p>");
    }

    private static void Cell(StringBuilder sb, Cell cell, bool numeric, IReadOnlyDictionary<string, byte[]> images)
    {
        sb.Append(numeric || cell is NumberCell ? "<td class=\"num\">" : "<td>");
        switch (cell)
        {
            case TextCell { Monospace: true } t:
                sb.Append("<code>").Append(E(t.Value)).Append("</code>");
                break;
            case NumberCell { Interval: { } ci } n:
                // The interval under its value (smaller): wide tables of values with intervals stay inside the page.
                sb.Append(E(n.Format.Format(n.Value))).Append("<span class=\"ci\">").Append(E(n.Format.Format(ci))).Append("</span>");
                break;
            case BadgeCell b:
                sb.Append("<span class=\"tag ").Append(ToneClass(b.Tone)).Append("\">").Append(E(b.Value)).Append("</span>");
                break;
            case ImageCell i:
                Image(sb, i.Path, i.Alt, i.Problem, images);
                break;
            case LinkCell l:
                sb.Append("<a href=\"").Append(E(Href(l.Href))).Append("\">").Append(E(l.Label)).Append("</a>");
                break;
            default:
                sb.Append(E(cell.Text));
                break;
        }
        sb.Append("</td>");
    }

    private static void Gallery(StringBuilder sb, GalleryBlock g, IReadOnlyDictionary<string, byte[]> images)
    {
        sb.Append("<div class=\"gallery-block\" id=\"gallery-").Append(E(g.Id)).Append("\">");
        if (g.Caption is { } cap) sb.Append("<p class=\"legend\">").Append(E(cap)).Append("</p>");
        var filterNames = g.Items.Where(i => !i.Filters.IsDefaultOrEmpty).SelectMany(i => i.Filters.Select(f => f.Key)).Distinct().ToList();
        if (filterNames.Count > 0)
        {
            sb.Append("<div class=\"filters\">");
            foreach (string name in filterNames)
            {
                sb.Append("<label>").Append(E(name)).Append("<select data-filter=\"").Append(E(Slug(name))).Append("\"><option value=\"\">all</option>");
                foreach (string value in g.Items.SelectMany(i => i.Filters.Where(f => f.Key == name).Select(f => f.Value)).Distinct().Order(StringComparer.Ordinal))
                {
                    sb.Append("<option>").Append(E(value)).Append("</option>");
                }
                sb.Append("</select></label>");
            }
            sb.Append("</div>");
        }
        sb.Append("<div class=\"gallery\">");
        foreach (var item in g.Items)
        {
            sb.Append("<figure data-item=\"1\"");
            if (!item.Filters.IsDefaultOrEmpty)
            {
                foreach (var (k, v) in item.Filters) sb.Append(" data-f-").Append(E(Slug(k))).Append("=\"").Append(E(v)).Append('"');
            }
            sb.Append("><div class=\"imgs\">");
            foreach (var img in item.Images)
            {
                sb.Append("<div class=\"img\">");
                Image(sb, img.Path, img.Caption, img.Problem, images);
                if (item.Images.Length > 1) sb.Append(E(img.Caption));
                sb.Append("</div>");
            }
            sb.Append("</div><figcaption><strong>").Append(E(item.Title)).Append("</strong>");
            if (item.Badge is { } badge) sb.Append(" <span class=\"tag ").Append(ToneClass(item.BadgeTone)).Append("\">").Append(E(badge)).Append("</span>");
            if (!item.Fields.IsDefaultOrEmpty)
            {
                sb.Append("<dl>");
                foreach (var (k, v) in item.Fields) sb.Append("<dt>").Append(E(k)).Append("</dt><dd>").Append(E(v)).Append("</dd>");
                sb.Append("</dl>");
            }
            if (item.Problem is { } problem) sb.Append("<div class=\"legend\">").Append(E(problem)).Append("</div>");
            sb.Append("</figcaption></figure>");
        }
        sb.Append("</div>");
        if (g.TotalItems is { } total && total > g.Items.Length)
        {
            sb.Append("<p class=\"legend\">").Append(E(string.Create(CultureInfo.InvariantCulture, $"Showing {g.Items.Length:#,0} of {total:#,0}."))).Append("</p>");
        }
        sb.Append("</div>");
    }

    private static void Image(StringBuilder sb, string? path, string alt, string? problem, IReadOnlyDictionary<string, byte[]> images)
    {
        if (path is not null && images.TryGetValue(path, out var bytes))
        {
            sb.Append("<img alt=\"").Append(E(alt)).Append("\" src=\"data:").Append(MediaType(path)).Append(";base64,").Append(Convert.ToBase64String(bytes)).Append("\">");
        }
        else
        {
            sb.Append("<div class=\"missing\">").Append(E(problem ?? "image not found")).Append("</div>");
        }
    }

    private static string MediaType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        _ => "image/png",
    };

    /// <summary>A relative link with each path segment percent-encoded (a file name with '#' or '?' still links to the file).</summary>
    private static string Href(string relative) => string.Join('/', relative.Split('/').Select(Uri.EscapeDataString));

    private static string Slug(string s) => string.Concat(s.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    private static string ToneClass(Tone t) => t switch
    {
        Tone.Good => "good",
        Tone.Warning => "warning",
        Tone.Bad => "bad",
        _ => "info",
    };

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string StripXmlDeclaration(string svg)
    {
        int i = svg.IndexOf("<svg", StringComparison.Ordinal);
        return i > 0 ? svg[i..] : svg;
    }
}
