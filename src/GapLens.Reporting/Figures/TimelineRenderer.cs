using System.Globalization;
using GapLens.Core.Reports;
using ScottPlot;

namespace GapLens.Reporting.Figures;

/// <summary>
/// Draws a <see cref="TimelineChart"/>: the whole length on the x axis (ticks as m:ss or h:mm:ss), one
/// lane per row from the top, the windows as shaded spans across every lane, the marks as filled (or
/// hollow) circles per series, and the legend below the plot (the figure grows with its rows).
/// </summary>
internal static class TimelineRenderer
{
    public static (int Width, int Height) Draw(Plot p, TimelineChart t)
    {
        int lanes = Math.Max(1, t.Lanes.Length);
        double length = t.Length > 0 && double.IsFinite(t.Length) ? t.Length : 1;
        foreach (var w in t.Windows)
        {
            var span = p.Add.HorizontalSpan(Math.Max(0, w.From), Math.Min(length, w.To));
            span.FillStyle.Color = Color.FromHex(w.Color).WithAlpha(0.3);
            span.LineStyle.Width = 0;
            p.Legend.ManualItems.Add(new LegendItem { LabelText = w.Label, FillColor = Color.FromHex(w.Color).WithAlpha(0.45) });
        }
        foreach (var series in t.Marks.GroupBy(m => (m.Series, m.Color, m.Hollow)))
        {
            var marks = series.ToList();
            var points = p.Add.ScatterPoints(marks.Select(m => m.At).ToArray(), marks.Select(m => Y(m.Lane, lanes)).ToArray());
            points.MarkerShape = series.Key.Hollow ? MarkerShape.OpenCircle : MarkerShape.FilledCircle;
            points.MarkerSize = 9;
            points.MarkerLineWidth = 2;
            points.Color = Color.FromHex(series.Key.Color);
            points.LegendText = "";
            p.Legend.ManualItems.Add(new LegendItem
            {
                LabelText = series.Key.Series,
                MarkerShape = series.Key.Hollow ? MarkerShape.OpenCircle : MarkerShape.FilledCircle,
                MarkerColor = Color.FromHex(series.Key.Color),
                MarkerSize = 9,
                MarkerLineWidth = 2,
                LineWidth = 0,
            });
        }
        p.Axes.Left.SetTicks([.. Enumerable.Range(0, lanes).Select(i => Y(i, lanes))], [.. Enumerable.Range(0, lanes).Select(i => i < t.Lanes.Length ? t.Lanes[i] : "")]);
        p.Axes.Left.MajorTickStyle.Length = 0;
        var ticks = Ticks(length);
        p.Axes.Bottom.SetTicks([.. ticks], [.. ticks.Select(Clock)]);
        p.Axes.SetLimits(-length * 0.01, length * 1.01, -0.6, lanes - 0.4);
        p.XLabel(t.X.Label);
        FigureRenderer.LegendOutside(p);
        // The legend below takes its rows (24 px each, plus its frame) from the figure's height: give them their
        // own room (at most two entries a row at this width) so the lanes keep theirs however many kinds of
        // windows and marks there are.
        int legendRows = (p.Legend.ManualItems.Count + 1) / 2;
        return (800, 126 + legendRows * 28 + lanes * 28);
    }

    /// <summary>Lane 0 at the top.</summary>
    private static double Y(int lane, int lanes) => lanes - 1 - lane;

    /// <summary>About 8 ticks at a round step in seconds.</summary>
    private static List<double> Ticks(double length)
    {
        double[] steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200];
        double step = steps.FirstOrDefault(s => length / s <= 8, 7200);
        var ticks = new List<double>();
        for (double x = 0; x <= length + 1e-9; x += step) ticks.Add(x);
        return ticks;
    }

    private static string Clock(double seconds)
    {
        long s = (long)Math.Round(seconds);
        return s >= 3600
            ? string.Create(CultureInfo.InvariantCulture, $"{s / 3600}:{s / 60 % 60:00}:{s % 60:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{s / 60}:{s % 60:00}");
    }
}
