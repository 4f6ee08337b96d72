using GapLens.Core.Reports.Rca;
using ScottPlot;

namespace GapLens.Reporting.Rca;

/// <summary>The report's plots, drawn with ScottPlot from <see cref="RcaPlotData"/> (no computation here).</summary>
public static class RcaPlots
{
    private const int Width = 760;
    private const int Height = 380;

    public static IReadOnlyList<RenderedPlot> Render(RcaPlotData d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return [Histogram(d), SweepPlot(d), PrCurve(d)];
    }

    private static RenderedPlot Done(Plot plot, string name, string title)
    {
        plot.Title(title);
        return new RenderedPlot(name, title, plot.GetSvgXml(Width, Height), plot.GetImageBytes(Width, Height, ImageFormat.Png));
    }

    private static RenderedPlot Histogram(RcaPlotData d)
    {
        var plot = new Plot();
        double width = d.BinEdges.Length > 1 ? d.BinEdges[1] - d.BinEdges[0] : 1;
        var passBars = new List<Bar>();
        var defectBars = new List<Bar>();
        for (int i = 0; i < d.PassCounts.Length; i++)
        {
            double center = d.BinEdges[i] + width / 2;
            passBars.Add(new Bar { Position = center, Value = d.PassCounts[i], Size = width * 0.9, FillColor = Colors.SteelBlue.WithAlpha(0.6) });
            defectBars.Add(new Bar { Position = center, Value = d.NoPassCounts[i], Size = width * 0.9, FillColor = Colors.OrangeRed.WithAlpha(0.6) });
        }
        var p1 = plot.Add.Bars(passBars);
        p1.LegendText = "PASS (good parts)";
        var p2 = plot.Add.Bars(defectBars);
        p2.LegendText = "NO_PASS (defects)";
        if (d.ChosenThreshold is { } t)
        {
            var line = plot.Add.VerticalLine(t, 2, Colors.Black);
            line.LegendText = "threshold";
        }
        plot.XLabel("siamese_score (higher = more likely a defect)");
        plot.YLabel("samples");
        plot.ShowLegend(Alignment.UpperCenter);
        plot.Axes.Margins(bottom: 0);
        return Done(plot, "score_histogram", "Score distribution per class");
    }

    private static RenderedPlot SweepPlot(RcaPlotData d)
    {
        var plot = new Plot();
        double[] x = [.. d.SweepThreshold];
        var feasibleX = x.Where((_, i) => d.SweepFeasible[i]).ToArray();
        if (feasibleX.Length > 0)
        {
            var span = plot.Add.HorizontalSpan(feasibleX.Min(), feasibleX.Max());
            span.FillStyle.Color = Colors.Green.WithAlpha(0.12);
            span.LegendText = "meets the recall target";
        }
        var p = plot.Add.ScatterLine(x, d.SweepPrecision.ToArray());
        p.LegendText = "precision";
        var r = plot.Add.ScatterLine(x, d.SweepRecall.ToArray());
        r.LegendText = "recall";
        var f = plot.Add.ScatterLine(x, d.SweepF1.ToArray());
        f.LegendText = "F1";
        f.LineWidth = 2;
        if (d.ChosenThreshold is { } t)
        {
            var m = plot.Add.VerticalLine(t, 1, Colors.Black);
            m.LegendText = "chosen threshold";
        }
        plot.XLabel("threshold (NO_PASS when score > threshold)");
        plot.YLabel("NO_PASS metric (higher is better)");
        plot.Axes.SetLimitsY(-0.02, 1.05);
        plot.ShowLegend(Alignment.LowerLeft);
        return Done(plot, "threshold_sweep", "Precision, recall and F1 against the threshold");
    }

    private static RenderedPlot PrCurve(RcaPlotData d)
    {
        var plot = new Plot();
        var c = plot.Add.ScatterLine(d.PrRecall.ToArray(), d.PrPrecision.ToArray());
        c.LegendText = "precision-recall curve";
        if (d.ChosenRecall is { } rr && d.ChosenPrecision is { } pp)
        {
            var m = plot.Add.Marker(rr, pp, MarkerShape.FilledCircle, 10, Colors.Black);
            m.LegendText = "chosen operating point";
        }
        plot.XLabel("NO_PASS recall");
        plot.YLabel("NO_PASS precision");
        plot.Axes.SetLimits(-0.02, 1.02, -0.02, 1.05);
        plot.ShowLegend(Alignment.LowerLeft);
        return Done(plot, "pr_curve", "Precision-recall curve (NO_PASS is positive)");
    }
}
