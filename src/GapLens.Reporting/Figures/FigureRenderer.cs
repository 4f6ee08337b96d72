using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using GapLens.Core.Reports;
using GapLens.Core.Statistics;
using ScottPlot;

namespace GapLens.Reporting.Figures;

/// <summary>
/// Draws the report model's figures with ScottPlot as SVG and PNG. Nothing is computed here: every
/// value, interval, bin and line comes from the figure. Legends sit outside the data area (they never
/// cover data), heatmap cells are vector rectangles with their text on them (crisp at any zoom), and
/// histogram classes are drawn side by side within a bin (no class hides another).
/// </summary>
public static partial class FigureRenderer
{
    private const int Width = 800;
    private const int Height = 420;

    public static IReadOnlyList<RenderedFigure> RenderAll(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [.. report.AllFigures().Select(Render)];
    }

    /// <summary>
    /// Draws two small figures (a histogram, and lines with a band, a marker and a point) and drops
    /// them: the first drawing in a process pays ScottPlot's and Skia's one-time start-up (native
    /// library, fonts and glyphs, code compiled on first use), which a job can pay on an idle core
    /// while it still computes what its figures show. Outputs do not depend on it.
    /// </summary>
    public static void WarmUp()
    {
        Axis x = new("x"), y = new("y");
        Render(new HistogramChart("warm_up_histogram", "warm-up", "warm-up", [0, 0.5, 1],
            [new HistogramSeries("a", [1, 2], "#1971c2"), new HistogramSeries("b", [2, 1], "#e8590c")], x, y with { Log = true }, [new MarkerLine(0.5, "m")]));
        Render(new LineChart("warm_up_lines", "warm-up", null, x, y with { Min = 0, Max = 1 },
            [new LineSeries("a", [0, 0.5, 1], [0, 0.7, 1], "#1971c2", 2)], [new MarkerLine(0.5, "m")], [new SpanBand(0.2, 0.6, "band")], [new PointMark(0.5, 0.7, "p")]));
    }

    public static RenderedFigure Render(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        // ScottPlot writes tick labels in the current culture ("0,5" on a German machine): draw under
        // the invariant culture, on this thread only, and put the caller's back.
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        try
        {
            return Draw(figure);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }

    private static RenderedFigure Draw(Figure figure)
    {
        var plot = new Plot();
        var (w, h) = figure switch
        {
            BarChart b => DrawBars(plot, b),
            HistogramChart hc => DrawHistogram(plot, hc),
            LineChart l => DrawLines(plot, l),
            HeatmapChart hm => DrawHeatmap(plot, hm),
            ScatterChart s => DrawScatter(plot, s),
            TimelineChart t => TimelineRenderer.Draw(plot, t),
            _ => throw new ArgumentException($"unknown figure type {figure.GetType().Name}", nameof(figure)),
        };
        plot.Title(figure.Title);
        return new RenderedFigure(figure.Id, figure.Title, StableIds(plot.GetSvgXml(w, h), figure.Id), Png(plot, w, h));
    }

    /// <summary>
    /// The plot as PNG, each row filtered by its difference to the row above. ScottPlot's own PNG
    /// (Skia's default) tries every filter on every row, which cost more than drawing: 21 against 12 ms
    /// for an 800x420 figure. Same pixels; the files are about 9% larger (the RCA report's three
    /// figures: 129 KB against 119 KB).
    /// </summary>
    internal static byte[] Png(Plot plot, int width, int height)
    {
        // As ScottPlot's GetImage: RGBA, premultiplied, the plot drawn on the canvas.
        using var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(width, height, SkiaSharp.SKColorType.Rgba8888, SkiaSharp.SKAlphaType.Premul))
            ?? throw new InvalidOperationException($"Skia could not make a {width}x{height} surface");
        plot.Render(surface.Canvas, width, height);
        using var pixels = surface.PeekPixels();
        using var png = pixels.Encode(new SkiaSharp.SKPngEncoderOptions(SkiaSharp.SKPngEncoderFilterFlags.Up, 6))
            ?? throw new InvalidOperationException("Skia could not encode the figure as PNG");
        return png.ToArray();
    }

    /// <summary>
    /// Skia's SVG writer names clip paths from one counter for the whole process ("cl_1f"), so the
    /// same figure got other ids when figures are drawn at the same time (a report.html that changed
    /// from run to run). Each clip-path id is renamed in order of first appearance and prefixed with
    /// the figure's id, which is unique in a report, so the ids of the figures inlined in one page do
    /// not collide either.
    /// </summary>
    internal static string StableIds(string svg, string figureId)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string prefix = SafeId().Replace(figureId, "_");
        return ClipId().Replace(svg, m =>
        {
            string old = m.Groups[2].Value;
            if (!names.TryGetValue(old, out string? name))
            {
                name = $"{prefix}-clip{names.Count + 1}";
                names[old] = name;
            }
            return m.Groups[1].Value + name;
        });
    }

    [GeneratedRegex(@"(id=""|url\(#)(cl_[0-9a-f]+)\b")]
    private static partial Regex ClipId();

    [GeneratedRegex(@"[^A-Za-z0-9_-]")]
    private static partial Regex SafeId();

    private static Color C(string hex) => Color.FromHex(hex);

    private static void Labels(Plot p, string? x, Axis y)
    {
        if (x is not null) p.XLabel(x);
        p.YLabel(y.Label);
    }

    /// <summary>The legend below the plot. Its rows are as tall as their symbols (18 px here, ScottPlot's
    /// default is 10): ScottPlot draws a label with its baseline just below the row's middle and clips the
    /// legend's inside at the first row's top, so with 10 px rows the top of the first row's letters
    /// (b, d, f, h, parentheses: 9 px above the baseline at 12 px) was cut by a pixel or two.</summary>
    internal static void LegendOutside(Plot p)
    {
        p.ShowLegend(Edge.Bottom);
        p.Legend.SymbolHeight = 18;
    }

    private static (int, int) DrawBars(Plot p, BarChart b)
    {
        int n = b.Categories.Length;
        int k = Math.Max(1, b.Series.Length);
        double groupWidth = 0.8;
        double barWidth = b.Stacked ? groupWidth : groupWidth / k;
        var bottoms = new double[n];
        var intervals = new List<(double X, Interval Ci)>();
        for (int s = 0; s < b.Series.Length; s++)
        {
            var series = b.Series[s];
            var bars = new List<Bar>();
            for (int i = 0; i < n; i++)
            {
                if (series.Values[i] is not { } v) continue;
                double x = b.Stacked ? i : i - groupWidth / 2 + barWidth * (s + 0.5);
                double baseValue = b.Stacked ? bottoms[i] : 0;
                bars.Add(new Bar { Position = x, ValueBase = baseValue, Value = baseValue + v, Size = barWidth * 0.92, FillColor = C(series.Color), LineWidth = 0 });
                if (b.Stacked) bottoms[i] += v;
                if (!series.Intervals.IsDefaultOrEmpty && series.Intervals[i] is { } ci) intervals.Add((x, ci));
            }
            var plottable = p.Add.Bars(bars);
            if (k > 1 || b.Stacked) p.Legend.ManualItems.Add(new LegendItem { LabelText = series.Name, FillColor = C(series.Color) });
            else plottable.LegendText = "";
        }
        // Error bars after every bar, so no bar hides the part of an interval that lies inside it.
        foreach (var (x, ci) in intervals)
        {
            var line = p.Add.Line(x, ci.Lower, x, ci.Upper);
            line.LineWidth = 2;
            line.Color = Colors.Black;
            foreach (double y in new[] { ci.Lower, ci.Upper })
            {
                var cap = p.Add.Line(x - barWidth * 0.2, y, x + barWidth * 0.2, y);
                cap.LineWidth = 2;
                cap.Color = Colors.Black;
            }
        }
        p.Axes.Bottom.SetTicks([.. Enumerable.Range(0, n).Select(i => (double)i)], [.. b.Categories]);
        p.Axes.Bottom.MajorTickStyle.Length = 0;
        p.Axes.SetLimitsX(-0.6, n - 0.4);
        p.Axes.SetLimitsY(b.Y.Min ?? 0, b.Y.Max ?? AutoMax(b));
        Labels(p, b.XLabel, b.Y);
        if (k > 1 || b.Stacked) LegendOutside(p);
        int width = Math.Max(Width, 120 + n * 90);
        return (width, Height + (k > 1 || b.Stacked ? 40 : 0));
    }

    private static double AutoMax(BarChart b)
    {
        double max = b.Stacked
            ? Enumerable.Range(0, b.Categories.Length).Select(i => b.Series.Sum(s => s.Values[i] ?? 0)).DefaultIfEmpty(0).Max()
            : b.Series.SelectMany(s => s.Values).Select(v => v ?? 0).DefaultIfEmpty(0).Max();
        double ciMax = b.Series.Where(s => !s.Intervals.IsDefaultOrEmpty).SelectMany(s => s.Intervals).Select(c => (c?.Upper ?? 0)).DefaultIfEmpty(0).Max();
        return Math.Max(1e-9, Math.Max(max, ciMax) * 1.08);
    }

    private static (int, int) DrawHistogram(Plot p, HistogramChart h)
    {
        int bins = h.Edges.Length - 1;
        int k = Math.Max(1, h.Series.Length);
        bool log = h.Y.Log;
        double maxShown = 0;
        for (int s = 0; s < h.Series.Length; s++)
        {
            var series = h.Series[s];
            var bars = new List<Bar>();
            for (int i = 0; i < bins; i++)
            {
                double left = h.Edges[i], width = h.Edges[i + 1] - h.Edges[i];
                long count = series.Counts[i];
                if (count == 0) continue;
                double value = log ? Math.Log10(count) + 1 : count; // log: 1 sample is drawn as one decade-unit high, 0 as nothing
                maxShown = Math.Max(maxShown, value);
                bars.Add(new Bar
                {
                    Position = left + width * (s + 0.5) / k,
                    Value = value,
                    Size = width / k * 0.9,
                    FillColor = C(series.Color),
                    LineColor = C(series.Color).Darken(0.4),
                    LineWidth = 1,
                });
            }
            var plottable = p.Add.Bars(bars);
            plottable.LegendText = "";
            p.Legend.ManualItems.Add(new LegendItem { LabelText = $"{series.Name} ({series.Counts.Sum().ToString("#,0", CultureInfo.InvariantCulture)})", FillColor = C(series.Color) });
        }
        foreach (var m in h.Markers)
        {
            var line = p.Add.VerticalLine(m.At, 2, Colors.Black);
            line.LinePattern = LinePattern.Dashed;
            p.Legend.ManualItems.Add(new LegendItem { LabelText = m.Label, LineColor = Colors.Black, LineWidth = 2, LinePattern = LinePattern.Dashed });
        }
        if (log)
        {
            int decades = (int)Math.Ceiling(Math.Max(1, maxShown));
            var ticks = Enumerable.Range(0, decades + 1).Select(d => (double)d).ToArray();
            p.Axes.Left.SetTicks(ticks, [.. ticks.Select(d => d == 0 ? "0" : Math.Pow(10, d - 1).ToString("#,0", CultureInfo.InvariantCulture))]);
        }
        p.Axes.SetLimitsY(0, Math.Max(1, maxShown) * 1.08);
        p.Axes.SetLimitsX(h.Edges[0] - (h.Edges[^1] - h.Edges[0]) * 0.01, h.Edges[^1] + (h.Edges[^1] - h.Edges[0]) * 0.01);
        p.XLabel(h.X.Label);
        p.YLabel(log ? h.Y.Label + " (log scale)" : h.Y.Label);
        LegendOutside(p);
        return (Width, Height + 40);
    }

    private static (int, int) DrawLines(Plot p, LineChart l)
    {
        foreach (var band in l.Bands)
        {
            var span = p.Add.HorizontalSpan(band.From, band.To);
            span.FillStyle.Color = Colors.Green.WithAlpha(0.12);
            span.LineStyle.Width = 0;
            p.Legend.ManualItems.Add(new LegendItem { LabelText = band.Label, FillColor = Colors.Green.WithAlpha(0.25) });
        }
        foreach (var s in l.Series)
        {
            var line = p.Add.ScatterLine(s.X.ToArray(), s.Y.ToArray());
            line.Color = C(s.Color);
            line.LineWidth = (float)s.Width;
            if (s.Dashed) line.LinePattern = LinePattern.Dashed;
            line.LegendText = s.Name;
            if (s.PointWeights is { } weights) DrawWeightedPoints(p, s, weights);
        }
        foreach (var m in l.Markers)
        {
            var v = p.Add.VerticalLine(m.At, 1.5f, Colors.Black);
            v.LinePattern = LinePattern.Dashed;
            v.LegendText = m.Label;
        }
        foreach (var pt in l.Points)
        {
            var marker = p.Add.Marker(pt.X, pt.Y, MarkerShape.FilledCircle, 10, Colors.Black);
            marker.LegendText = pt.Label;
        }
        // Dots (up to 18 px) on a fixed range's edge, e.g. a reliability bin at accuracy 0 or 1, would be
        // cut in half by the plot's frame: such a chart gets a margin of 4% of the range on each side.
        double margin = l.Series.Any(s => s.PointWeights is not null) ? 0.04 : 0;
        if (l.X.Min is { } x0 && l.X.Max is { } x1) p.Axes.SetLimitsX(x0 - margin * (x1 - x0), x1 + margin * (x1 - x0));
        if (l.Y.Min is { } y0 && l.Y.Max is { } y1) p.Axes.SetLimitsY(y0 - margin * (y1 - y0), y1 + margin * (y1 - y0));
        p.XLabel(l.X.Label);
        p.YLabel(l.Y.Label);
        LegendOutside(p);
        return (Width, Height + 40);
    }

    /// <summary>A filled marker at each point of the series, its area proportional to the point's weight
    /// (diameter 4 px for a weight near 0, 18 px for the largest); no legend entry of its own.</summary>
    private static void DrawWeightedPoints(Plot p, LineSeries s, ImmutableArray<double> weights)
    {
        double max = weights.Where(double.IsFinite).DefaultIfEmpty(0).Max();
        for (int i = 0; i < s.X.Length && i < s.Y.Length && i < weights.Length; i++)
        {
            double share = max > 0 && double.IsFinite(weights[i]) ? Math.Max(0, weights[i]) / max : 0;
            p.Add.Marker(s.X[i], s.Y[i], MarkerShape.FilledCircle, (float)(4 + 14 * Math.Sqrt(share)), C(s.Color).WithAlpha(0.8));
        }
    }

    private static (int, int) DrawHeatmap(Plot p, HeatmapChart h)
    {
        int rows = h.Rows.Length, cols = h.Columns.Length;
        var colormap = new ScottPlot.Colormaps.Viridis();
        double span = h.Max > h.Min ? h.Max - h.Min : 1;
        for (int i = 0; i < rows; i++)
        {
            double top = rows - i, bottom = rows - i - 1;
            for (int j = 0; j < cols; j++)
            {
                double? v = h.Values[i][j];
                var fill = v is { } x ? colormap.GetColor(Math.Clamp((x - h.Min) / span, 0, 1)) : Color.FromHex("#e9ecef");
                var rect = p.Add.Rectangle(j, j + 1, bottom, top);
                rect.FillStyle.Color = fill;
                rect.LineStyle.Color = Colors.White;
                rect.LineStyle.Width = 2;
                var t = p.Add.Text(h.CellText[i][j], j + 0.5, bottom + 0.5);
                t.LabelAlignment = Alignment.MiddleCenter;
                t.LabelFontSize = 14;
                t.LabelFontColor = Luminance(fill) > 0.5 ? Colors.Black : Colors.White;
                t.LabelBold = true;
            }
        }
        p.Axes.Bottom.SetTicks([.. Enumerable.Range(0, cols).Select(j => j + 0.5)], [.. h.Columns]);
        p.Axes.Left.SetTicks([.. Enumerable.Range(0, rows).Select(i => rows - i - 0.5)], [.. h.Rows]);
        p.Axes.Bottom.MajorTickStyle.Length = 0;
        p.Axes.Left.MajorTickStyle.Length = 0;
        p.Axes.SetLimits(0, cols, 0, rows);
        p.Grid.IsVisible = false;
        p.XLabel(h.ColumnTitle);
        p.YLabel(h.RowTitle);
        // Counts (every value and both ends whole) get whole steps: "items 4", never "items 3.75".
        bool counts = double.IsInteger(h.Min) && double.IsInteger(h.Max) && h.Values.All(r => r.All(v => v is null || double.IsInteger(v.Value)));
        var steps = new[] { 0.0, 0.25, 0.5, 0.75, 1.0 }.Select(f => h.Min + f * (h.Max - h.Min)).Select(v => counts ? Math.Round(v, MidpointRounding.AwayFromZero) : v).Distinct();
        foreach (double value in steps)
        {
            double f = h.Max > h.Min ? (value - h.Min) / (h.Max - h.Min) : 0;
            p.Legend.ManualItems.Add(new LegendItem { LabelText = $"{h.ScaleLabel} {value.ToString("0.##", CultureInfo.InvariantCulture)}", FillColor = colormap.GetColor(f) });
        }
        p.Legend.ManualItems.Add(new LegendItem { LabelText = "no data", FillColor = Color.FromHex("#e9ecef") });
        LegendOutside(p);
        int width = Math.Max(520, 160 + cols * 130);
        int height = Math.Max(300, 150 + rows * 60);
        return (width, height);
    }

    private static double Luminance(Color c) => (0.2126 * c.R + 0.7152 * c.G + 0.0722 * c.B) / 255.0;

    private static (int, int) DrawScatter(Plot p, ScatterChart s)
    {
        var points = p.Add.ScatterPoints(s.XValues.ToArray(), s.YValues.ToArray());
        points.LegendText = s.PointsLabel;
        points.MarkerSize = 7;
        double x0 = s.X.Min ?? s.XValues.DefaultIfEmpty(0).Min(), x1 = s.X.Max ?? s.XValues.DefaultIfEmpty(1).Max();
        foreach (var line in s.Lines)
        {
            var l = p.Add.Line(x0, line.Slope * x0 + line.Intercept, x1, line.Slope * x1 + line.Intercept);
            l.Color = C(line.Color);
            l.LineWidth = 2;
            if (line.Dashed) l.LinePattern = LinePattern.Dashed;
            l.LegendText = line.Label;
        }
        if (s.X.Min is not null && s.X.Max is not null) p.Axes.SetLimitsX(s.X.Min.Value, s.X.Max.Value);
        if (s.Y.Min is not null && s.Y.Max is not null) p.Axes.SetLimitsY(s.Y.Min.Value, s.Y.Max.Value);
        p.XLabel(s.X.Label);
        p.YLabel(s.Y.Label);
        LegendOutside(p);
        return (660, 620);
    }
}
