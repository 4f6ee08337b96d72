using System.Collections.Immutable;
using System.Text.RegularExpressions;
using GapLens.Core.Reports;
using GapLens.Reporting.Figures;

namespace GapLens.Reporting.Tests.Rendering;

/// <summary>A heatmap's colour legend reads in the data's own terms: a matrix of counts (judge vs human
/// confusion) gets whole numbers, not "items 3.75".</summary>
public sealed partial class HeatmapLegendTests
{
    [GeneratedRegex(@"items (-?[0-9.]+)")]
    private static partial Regex ItemsLabel();

    [GeneratedRegex(@"rate (-?[0-9.]+)")]
    private static partial Regex RateLabel();

    private static HeatmapChart Chart(double?[][] values, string scale, double min, double max) => new("h", "H", null, ["a", "b"], ["x", "y"],
        [.. values.Select(r => r.ToImmutableArray())], [.. values.Select(r => r.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "").ToImmutableArray())],
        "rows", "columns", scale, min, max);

    [Fact]
    public void ACountMatrixHasWholeNumbersInItsLegend()
    {
        string svg = FigureRenderer.Render(Chart([[3, 1], [0, 15]], "items", 0, 15)).Svg;
        var labels = ItemsLabel().Matches(svg).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(labels);
        Assert.All(labels, l => Assert.DoesNotContain(".", l, StringComparison.Ordinal));
        Assert.Equal(labels.Distinct().Count(), labels.Count);
        Assert.Equal("0", labels[0]);
        Assert.Equal("15", labels[^1]);
    }

    [Fact]
    public void AFractionalScaleKeepsItsQuarterSteps()
    {
        string svg = FigureRenderer.Render(Chart([[0.5, null], [1.0, 0.0]], "rate", 0, 1)).Svg;
        Assert.Equal(["0", "0.25", "0.5", "0.75", "1"], RateLabel().Matches(svg).Select(m => m.Groups[1].Value).ToList());
    }
}
