using GapLens.Judging.Analysis;
using ScottPlot;

namespace GapLens.Reporting.Plots;

/// <summary>The analyze-plot charts, drawn from a <see cref="ScoreSummary"/> (no computation here).</summary>
public static class ScorePlots
{
    public static IReadOnlyList<(string Name, string Title, string Svg, byte[] Png)> Render(ScoreSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return [Ranking(s), Difficulty(s), Heatmap(s), Distribution(s)];
    }

    private static (string, string, string, byte[]) Done(Plot p, string name, string title, int w = 760, int h = 420)
    {
        p.Title(title);
        return (name, title, p.GetSvgXml(w, h), p.GetImageBytes(w, h, ImageFormat.Png));
    }

    private static (string, string, string, byte[]) Ranking(ScoreSummary s)
    {
        var p = new Plot();
        var rows = s.Ranking.Where(r => r.SuccessRate is not null).ToList();
        var bars = rows.Select((r, i) => new Bar { Position = i, Value = r.SuccessRate!.Value * 100, FillColor = Colors.SteelBlue }).ToList();
        p.Add.Bars(bars);
        for (int i = 0; i < rows.Count; i++)
        {
            var ci = rows[i].SuccessCi95!;
            var line = p.Add.Line(i, ci.Lower * 100, i, ci.Upper * 100);
            line.LineWidth = 2;
            line.Color = Colors.Black;
        }
        p.Axes.Bottom.SetTicks([.. Enumerable.Range(0, rows.Count).Select(i => (double)i)], [.. rows.Select(r => r.Model)]);
        p.YLabel($"success rate, % (score >= {s.PassAtOrAbove}; higher is better)");
        p.Axes.SetLimitsY(0, 105);
        return Done(p, "model_ranking", "Model ranking: success rate with Wilson 95% CI");
    }

    private static (string, string, string, byte[]) Difficulty(ScoreSummary s)
    {
        var p = new Plot();
        var rows = s.Domains.Where(d => d.MacroSuccessRate is not null).ToList();
        p.Add.Bars(rows.Select((d, i) => new Bar { Position = i, Value = d.MacroSuccessRate!.Value * 100, FillColor = Colors.DarkOrange }).ToList());
        p.Axes.Bottom.SetTicks([.. Enumerable.Range(0, rows.Count).Select(i => (double)i)], [.. rows.Select(d => d.Domain)]);
        p.YLabel("macro-average success rate over models, %");
        p.Axes.SetLimitsY(0, 105);
        return Done(p, "domain_difficulty", "Domain difficulty (hardest first)");
    }

    private static (string, string, string, byte[]) Heatmap(ScoreSummary s)
    {
        var p = new Plot();
        var models = s.Ranking.Select(r => r.Model).ToList();
        var domains = s.Domains.Select(d => d.Domain).Order(StringComparer.Ordinal).ToList();
        var grid = new double[models.Count, domains.Count];
        for (int i = 0; i < models.Count; i++)
        {
            for (int j = 0; j < domains.Count; j++)
            {
                var c = s.Cells.First(x => x.Model == models[i] && x.Domain == domains[j]);
                grid[i, j] = c.SuccessRate is { } v ? v * 100 : double.NaN;
                var t = p.Add.Text(c.SuccessRate is { } vv ? $"{vv * 100:F0}% (n={c.Scored})" : "n/a", j, models.Count - 1 - i);
                t.LabelAlignment = Alignment.MiddleCenter;
                t.LabelFontSize = 13;
            }
        }
        var hm = p.Add.Heatmap(grid);
        hm.Colormap = new ScottPlot.Colormaps.Viridis();
        hm.ManualRange = new ScottPlot.Range(0, 100);
        p.Add.ColorBar(hm).Label = "success rate, %";
        p.MoveToBack(hm);
        p.Axes.Bottom.SetTicks([.. Enumerable.Range(0, domains.Count).Select(j => (double)j)], [.. domains]);
        p.Axes.Left.SetTicks([.. Enumerable.Range(0, models.Count).Select(i => (double)(models.Count - 1 - i))], [.. models]);
        return Done(p, "model_domain_heatmap", "Success rate by model and domain");
    }

    private static (string, string, string, byte[]) Distribution(ScoreSummary s)
    {
        var p = new Plot();
        var models = s.Ranking.Select(r => r.Model).ToList();
        var palette = new[] { Colors.FireBrick, Colors.DarkOrange, Colors.Gold, Colors.YellowGreen, Colors.ForestGreen };
        var bars = new List<Bar>();
        for (int i = 0; i < models.Count; i++)
        {
            var counts = s.Distribution[models[i]];
            double total = Math.Max(1, counts.Sum());
            double bottom = 0;
            for (int v = 0; v < 5; v++)
            {
                double h = counts[v] / total * 100;
                bars.Add(new Bar { Position = i, ValueBase = bottom, Value = bottom + h, FillColor = palette[v] });
                bottom += h;
            }
        }
        p.Add.Bars(bars);
        for (int v = 0; v < 5; v++) p.Legend.ManualItems.Add(new LegendItem { LabelText = $"score {v + 1}", FillColor = palette[v] });
        p.ShowLegend(Alignment.UpperRight);
        p.Axes.Bottom.SetTicks([.. Enumerable.Range(0, models.Count).Select(i => (double)i)], [.. models]);
        p.YLabel("share of scored items, %");
        p.Axes.SetLimitsY(0, 105);
        return Done(p, "score_distribution", "Score distribution per model (skipped and failed items excluded)");
    }
}
