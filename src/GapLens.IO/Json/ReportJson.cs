using System.Collections.Immutable;
using System.Text.Json;
using GapLens.Core.Reports;
using GapLens.Core.Statistics;

namespace GapLens.IO.Json;

/// <summary>
/// Writes report.json: the same bytes as <see cref="GapLensJson"/> would (same names, order, nulls,
/// enum spellings, escaping and layout), by walking the report model with one
/// <see cref="Utf8JsonWriter"/>. The serializer's metadata for the model (a JsonPropertyInfo per
/// property type, most of them over ImmutableArray and Nullable value types) is generic code that a
/// ReadyToRun image cannot fully hold, and compiling it cost a cold gaplens process more time than
/// the rest of the report (issue 15 item 9). Tests compare this writer with the serializer byte for
/// byte on a report that uses every block, cell, figure and property of the model, so a property added
/// to the model and not here fails them.
/// </summary>
public static class ReportJson
{
    /// <summary>report.json's bytes, ending in a newline like every indented GapLens document.</summary>
    public static byte[] Serialize(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonWalk.ToBytes(report, indented: true, 64 * 1024, WriteReport);
    }

    private static void WriteReport(Utf8JsonWriter w, Report r)
    {
        w.WriteStartObject();
        w.WriteString("kind", r.Kind);
        w.WriteString("title", r.Title);
        w.WriteString("subtitle", r.Subtitle);
        w.WritePropertyName("verdict");
        if (r.Verdict is { } v)
        {
            w.WriteStartObject();
            w.WriteString("tone", Name(v.Tone));
            w.WriteString("headline", v.Headline);
            Strings(w, "points", v.Points);
            w.WriteEndObject();
        }
        else w.WriteNullValue();
        w.WriteStartArray("sections");
        foreach (var s in Items(r.Sections, "sections"))
        {
            w.WriteStartObject();
            w.WriteString("id", s.Id);
            w.WriteString("title", s.Title);
            w.WriteStartArray("blocks");
            foreach (var b in Items(s.Blocks, "blocks")) WriteBlock(w, b);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("facts");
        foreach (var f in Items(r.Facts, "facts"))
        {
            w.WriteStartObject();
            w.WriteString("label", f.Label);
            w.WriteString("value", f.Value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteString("format", r.Format);
        w.WriteEndObject();
    }

    private static void WriteBlock(Utf8JsonWriter w, Block block)
    {
        w.WriteStartObject();
        switch (block)
        {
            case ParagraphBlock p:
                w.WriteString("type", "paragraph");
                w.WriteString("text", p.Text);
                w.WriteBoolean("is_legend", p.IsLegend);
                break;
            case ListBlock l:
                w.WriteString("type", "list");
                Strings(w, "items", l.Items);
                w.WriteBoolean("ordered", l.Ordered);
                break;
            case MetricsBlock m:
                w.WriteString("type", "metrics");
                w.WriteStartArray("metrics");
                foreach (var metric in Items(m.Metrics, "metrics")) WriteMetric(w, metric);
                w.WriteEndArray();
                break;
            case TableBlock t:
                w.WriteString("type", "table");
                w.WritePropertyName("table");
                WriteTable(w, t.Table);
                break;
            case FigureBlock f:
                w.WriteString("type", "figure");
                w.WritePropertyName("figure");
                WriteFigure(w, f.Figure);
                break;
            case GalleryBlock g:
                w.WriteString("type", "gallery");
                w.WriteString("id", g.Id);
                w.WriteString("caption", g.Caption);
                w.WriteStartArray("items");
                foreach (var item in Items(g.Items, "items")) WriteGalleryItem(w, item);
                w.WriteEndArray();
                NullableInt(w, "total_items", g.TotalItems);
                break;
            case CodeBlock c:
                w.WriteString("type", "code");
                w.WriteString("text", c.Text);
                break;
            case CalloutBlock c:
                w.WriteString("type", "callout");
                w.WriteString("tone", Name(c.Tone));
                w.WriteString("text", c.Text);
                break;
            default:
                throw new NotSupportedException($"report.json: no writer for block type {block.GetType().Name}");
        }
        w.WriteEndObject();
    }

    private static void WriteMetric(Utf8JsonWriter w, Metric m)
    {
        w.WriteStartObject();
        w.WriteString("id", m.Id);
        w.WriteString("label", m.Label);
        NullableNumber(w, "value", m.Value);
        w.WritePropertyName("format");
        WriteFormat(w, m.Format);
        w.WriteString("direction", Name(m.Direction));
        w.WriteString("legend", m.Legend);
        w.WritePropertyName("interval");
        WriteInterval(w, m.Interval);
        NullableNumber(w, "p_value", m.PValue);
        w.WriteString("undefined_reason", m.UndefinedReason);
        w.WriteString("text", m.Text);
        w.WriteEndObject();
    }

    private static void WriteFormat(Utf8JsonWriter w, NumberFormat f)
    {
        w.WriteStartObject();
        w.WriteString("style", Name(f.Style));
        w.WriteNumber("digits", f.Digits);
        w.WriteBoolean("signed", f.Signed);
        w.WriteEndObject();
    }

    private static void WriteInterval(Utf8JsonWriter w, Interval? i)
    {
        if (i is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WriteNumber("lower", i.Lower);
        w.WriteNumber("upper", i.Upper);
        w.WriteNumber("level", i.Level);
        w.WriteString("method", i.Method);
        w.WriteEndObject();
    }

    private static void WriteTable(Utf8JsonWriter w, Table t)
    {
        w.WriteStartObject();
        w.WriteString("id", t.Id);
        w.WriteString("caption", t.Caption);
        w.WriteStartArray("columns");
        foreach (var c in Items(t.Columns, "columns"))
        {
            w.WriteStartObject();
            w.WriteString("id", c.Id);
            w.WriteString("header", c.Header);
            w.WriteString("direction", Name(c.Direction));
            w.WriteString("legend", c.Legend);
            w.WriteBoolean("numeric", c.Numeric);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("rows");
        foreach (var row in Items(t.Rows, "rows"))
        {
            w.WriteStartArray();
            foreach (var cell in Items(row, "rows")) WriteCell(w, cell);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteString("legend", t.Legend);
        NullableInt(w, "total_rows", t.TotalRows);
        w.WriteEndObject();
    }

    private static void WriteCell(Utf8JsonWriter w, Cell cell)
    {
        w.WriteStartObject();
        switch (cell)
        {
            case TextCell t:
                w.WriteString("type", "text");
                w.WriteString("value", t.Value);
                w.WriteBoolean("monospace", t.Monospace);
                break;
            case NumberCell n:
                w.WriteString("type", "number");
                NullableNumber(w, "value", n.Value);
                w.WritePropertyName("format");
                WriteFormat(w, n.Format);
                w.WritePropertyName("interval");
                WriteInterval(w, n.Interval);
                break;
            case BadgeCell b:
                w.WriteString("type", "badge");
                w.WriteString("value", b.Value);
                w.WriteString("tone", Name(b.Tone));
                break;
            case ImageCell i:
                w.WriteString("type", "image");
                w.WriteString("path", i.Path);
                w.WriteString("alt", i.Alt);
                w.WriteString("problem", i.Problem);
                break;
            case LinkCell l:
                w.WriteString("type", "link");
                w.WriteString("href", l.Href);
                w.WriteString("label", l.Label);
                break;
            default:
                throw new NotSupportedException($"report.json: no writer for cell type {cell.GetType().Name}");
        }
        w.WriteString("text", cell.Text);
        w.WriteEndObject();
    }

    private static void WriteGalleryItem(Utf8JsonWriter w, GalleryItem item)
    {
        w.WriteStartObject();
        w.WriteString("title", item.Title);
        w.WriteStartArray("images");
        foreach (var image in Items(item.Images, "images"))
        {
            w.WriteStartObject();
            w.WriteString("caption", image.Caption);
            w.WriteString("path", image.Path);
            w.WriteString("problem", image.Problem);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        Pairs(w, "fields", item.Fields);
        w.WriteString("badge", item.Badge);
        w.WriteString("badge_tone", Name(item.BadgeTone));
        w.WriteString("problem", item.Problem);
        Pairs(w, "filters", item.Filters);
        w.WriteEndObject();
    }

    // A figure writes its own properties first and then the base record's (id, title, legend), in
    // the order the serializer uses for a derived record.
    private static void WriteFigure(Utf8JsonWriter w, Figure figure)
    {
        w.WriteStartObject();
        switch (figure)
        {
            case BarChart b:
                w.WriteString("type", "bar");
                Strings(w, "categories", b.Categories);
                w.WriteStartArray("series");
                foreach (var s in Items(b.Series, "series"))
                {
                    w.WriteStartObject();
                    w.WriteString("name", s.Name);
                    w.WriteStartArray("values");
                    foreach (var value in Items(s.Values, "values"))
                    {
                        if (value is { } d) w.WriteNumberValue(d);
                        else w.WriteNullValue();
                    }
                    w.WriteEndArray();
                    w.WriteStartArray("intervals");
                    foreach (var interval in Items(s.Intervals, "intervals")) WriteInterval(w, interval);
                    w.WriteEndArray();
                    w.WriteString("color", s.Color);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WritePropertyName("y");
                WriteAxis(w, b.Y);
                w.WriteString("x_label", b.XLabel);
                w.WriteBoolean("stacked", b.Stacked);
                break;
            case HistogramChart h:
                w.WriteString("type", "histogram");
                Numbers(w, "edges", h.Edges);
                w.WriteStartArray("series");
                foreach (var s in Items(h.Series, "series"))
                {
                    w.WriteStartObject();
                    w.WriteString("name", s.Name);
                    w.WriteStartArray("counts");
                    foreach (long c in Items(s.Counts, "counts")) w.WriteNumberValue(c);
                    w.WriteEndArray();
                    w.WriteString("color", s.Color);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WritePropertyName("x");
                WriteAxis(w, h.X);
                w.WritePropertyName("y");
                WriteAxis(w, h.Y);
                Markers(w, h.Markers);
                break;
            case LineChart l:
                w.WriteString("type", "line");
                w.WritePropertyName("x");
                WriteAxis(w, l.X);
                w.WritePropertyName("y");
                WriteAxis(w, l.Y);
                w.WriteStartArray("series");
                foreach (var s in Items(l.Series, "series"))
                {
                    w.WriteStartObject();
                    w.WriteString("name", s.Name);
                    Numbers(w, "x", s.X);
                    Numbers(w, "y", s.Y);
                    w.WriteString("color", s.Color);
                    w.WriteNumber("width", s.Width);
                    w.WriteBoolean("dashed", s.Dashed);
                    if (s.PointWeights is { } weights) Numbers(w, "point_weights", weights);
                    else w.WriteNull("point_weights");
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                Markers(w, l.Markers);
                w.WriteStartArray("bands");
                foreach (var band in Items(l.Bands, "bands"))
                {
                    w.WriteStartObject();
                    w.WriteNumber("from", band.From);
                    w.WriteNumber("to", band.To);
                    w.WriteString("label", band.Label);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("points");
                foreach (var p in Items(l.Points, "points"))
                {
                    w.WriteStartObject();
                    w.WriteNumber("x", p.X);
                    w.WriteNumber("y", p.Y);
                    w.WriteString("label", p.Label);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            case HeatmapChart h:
                w.WriteString("type", "heatmap");
                Strings(w, "rows", h.Rows);
                Strings(w, "columns", h.Columns);
                w.WriteStartArray("values");
                foreach (var row in Items(h.Values, "values"))
                {
                    w.WriteStartArray();
                    foreach (var value in Items(row, "values"))
                    {
                        if (value is { } d) w.WriteNumberValue(d);
                        else w.WriteNullValue();
                    }
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                w.WriteStartArray("cell_text");
                foreach (var row in Items(h.CellText, "cell_text"))
                {
                    w.WriteStartArray();
                    foreach (var text in Items(row, "cell_text")) w.WriteStringValue(text);
                    w.WriteEndArray();
                }
                w.WriteEndArray();
                w.WriteString("row_title", h.RowTitle);
                w.WriteString("column_title", h.ColumnTitle);
                w.WriteString("scale_label", h.ScaleLabel);
                w.WriteNumber("min", h.Min);
                w.WriteNumber("max", h.Max);
                break;
            case ScatterChart s:
                w.WriteString("type", "scatter");
                w.WritePropertyName("x");
                WriteAxis(w, s.X);
                w.WritePropertyName("y");
                WriteAxis(w, s.Y);
                Numbers(w, "x_values", s.XValues);
                Numbers(w, "y_values", s.YValues);
                w.WriteString("points_label", s.PointsLabel);
                w.WriteStartArray("lines");
                foreach (var line in Items(s.Lines, "lines"))
                {
                    w.WriteStartObject();
                    w.WriteNumber("slope", line.Slope);
                    w.WriteNumber("intercept", line.Intercept);
                    w.WriteString("label", line.Label);
                    w.WriteString("color", line.Color);
                    w.WriteBoolean("dashed", line.Dashed);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            case TimelineChart t:
                w.WriteString("type", "timeline");
                w.WriteNumber("length", t.Length);
                w.WritePropertyName("x");
                WriteAxis(w, t.X);
                Strings(w, "lanes", t.Lanes);
                w.WriteStartArray("windows");
                foreach (var window in Items(t.Windows, "windows"))
                {
                    w.WriteStartObject();
                    w.WriteNumber("from", window.From);
                    w.WriteNumber("to", window.To);
                    w.WriteString("label", window.Label);
                    w.WriteString("color", window.Color);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteStartArray("marks");
                foreach (var mark in Items(t.Marks, "marks"))
                {
                    w.WriteStartObject();
                    w.WriteNumber("at", mark.At);
                    w.WriteNumber("lane", mark.Lane);
                    w.WriteString("series", mark.Series);
                    w.WriteString("color", mark.Color);
                    w.WriteBoolean("hollow", mark.Hollow);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                break;
            default:
                throw new NotSupportedException($"report.json: no writer for figure type {figure.GetType().Name}");
        }
        w.WriteString("id", figure.Id);
        w.WriteString("title", figure.Title);
        w.WriteString("legend", figure.Legend);
        w.WriteEndObject();
    }

    private static void WriteAxis(Utf8JsonWriter w, Axis a)
    {
        w.WriteStartObject();
        w.WriteString("label", a.Label);
        NullableNumber(w, "min", a.Min);
        NullableNumber(w, "max", a.Max);
        w.WriteBoolean("log", a.Log);
        w.WriteEndObject();
    }

    private static void Markers(Utf8JsonWriter w, ImmutableArray<MarkerLine> markers)
    {
        w.WriteStartArray("markers");
        foreach (var m in Items(markers, "markers"))
        {
            w.WriteStartObject();
            w.WriteNumber("at", m.At);
            w.WriteString("label", m.Label);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Strings(Utf8JsonWriter w, string name, ImmutableArray<string> values)
    {
        w.WriteStartArray(name);
        foreach (var s in Items(values, name)) w.WriteStringValue(s);
        w.WriteEndArray();
    }

    private static void Numbers(Utf8JsonWriter w, string name, ImmutableArray<double> values)
    {
        w.WriteStartArray(name);
        foreach (double d in Items(values, name)) w.WriteNumberValue(d);
        w.WriteEndArray();
    }

    private static void Pairs(Utf8JsonWriter w, string name, ImmutableArray<KeyValuePair<string, string>> pairs)
    {
        w.WriteStartArray(name);
        foreach (var (key, value) in Items(pairs, name))
        {
            w.WriteStartObject();
            w.WriteString("key", key);
            w.WriteString("value", value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void NullableNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } d) w.WriteNumber(name, d);
        else w.WriteNull(name);
    }

    private static void NullableInt(Utf8JsonWriter w, string name, int? value)
    {
        if (value is { } i) w.WriteNumber(name, i);
        else w.WriteNull(name);
    }

    private static ImmutableArray<T> Items<T>(ImmutableArray<T> values, string name) => JsonWalk.Items(values, "report.json", name);

    // Enum names as the serializer's snake_case string converter spells them.
    private static string Name(Tone t) => t switch
    {
        Tone.Info => "info",
        Tone.Good => "good",
        Tone.Warning => "warning",
        Tone.Bad => "bad",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "report.json: unknown tone"),
    };

    private static string Name(Direction d) => d switch
    {
        Direction.Neutral => "neutral",
        Direction.HigherIsBetter => "higher_is_better",
        Direction.LowerIsBetter => "lower_is_better",
        _ => throw new ArgumentOutOfRangeException(nameof(d), d, "report.json: unknown direction"),
    };

    private static string Name(NumberStyle s) => s switch
    {
        NumberStyle.Fixed => "fixed",
        NumberStyle.Percent => "percent",
        NumberStyle.Count => "count",
        NumberStyle.PValue => "p_value",
        NumberStyle.PyRepr => "py_repr",
        _ => throw new ArgumentOutOfRangeException(nameof(s), s, "report.json: unknown number style"),
    };
}
