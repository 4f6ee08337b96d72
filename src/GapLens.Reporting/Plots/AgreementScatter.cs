using ScottPlot;

namespace GapLens.Reporting.Plots;

/// <summary>Scatter of paired 1-5 scores: deterministic jitter so equal pairs do not hide each
/// other, the y = x line (perfect agreement) and the least-squares fit line.</summary>
public static class AgreementScatter
{
    public static (string Svg, byte[] Png) Render(IReadOnlyList<double> x, IReadOnlyList<double> y, string title, string xLabel, string yLabel)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var plot = new Plot();
        var rng = new Random(0);
        double[] jx = [.. x.Select(v => v + (rng.NextDouble() - 0.5) * 0.3)];
        double[] jy = [.. y.Select(v => v + (rng.NextDouble() - 0.5) * 0.3)];
        var points = plot.Add.ScatterPoints(jx, jy);
        points.LegendText = $"items (n = {x.Count}, jittered)";
        points.MarkerSize = 7;
        var diag = plot.Add.Line(0.5, 0.5, 5.5, 5.5);
        diag.LegendText = "y = x (perfect agreement)";
        diag.LinePattern = LinePattern.Dashed;
        if (x.Count >= 2)
        {
            double mx = x.Average(), my = y.Average();
            double sxx = x.Sum(v => (v - mx) * (v - mx));
            if (sxx > 0)
            {
                double slope = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum() / sxx;
                var fit = plot.Add.Line(0.5, my + slope * (0.5 - mx), 5.5, my + slope * (5.5 - mx));
                fit.LegendText = $"least-squares fit (slope {slope:F2})";
            }
        }
        plot.Axes.SetLimits(0.5, 5.5, 0.5, 5.5);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        return (plot.GetSvgXml(620, 560), plot.GetImageBytes(620, 560, ImageFormat.Png));
    }
}
