using System.Collections.Immutable;
using System.Text.RegularExpressions;
using GapLens.Core.Reports;
using GapLens.Reporting.Figures;

namespace GapLens.Reporting.Tests.Rendering;

/// <summary>A figure's SVG is the same whatever else the process drew before or beside it: Skia names
/// clip paths from one process-wide counter, so figures drawn in parallel (vcn_aoi draws its three at
/// once) made a report.html that changed from run to run. Ids are per figure and unique in a page.</summary>
public sealed partial class SvgIdTests
{
    [GeneratedRegex(@"id=""([^""]+)""")]
    private static partial Regex Ids();

    private static LineChart Line(string id) => new(id, "T " + id, null, new Axis("x"), new Axis("y"),
        [new LineSeries("s", [0, 0.5, 1], [0, 0.75, 1], "#1971c2")], [], [], []);

    private static HistogramChart Histogram(string id) => new(id, "H " + id, null, [0, 0.5, 1],
        [new HistogramSeries("a", [3, 4], "#00ff00"), new HistogramSeries("b", [1, 2], "#ff0000")], new Axis("score"), new Axis("count"), [new MarkerLine(0.5, "t")]);

    [Fact]
    public void TheSameFigureGivesTheSameSvgWhateverWasDrawnBeforeOrBeside()
    {
        string first = FigureRenderer.Render(Line("sweep")).Svg;
        FigureRenderer.Render(Histogram("other"));
        string again = FigureRenderer.Render(Line("sweep")).Svg;
        Assert.Equal(first, again);
        var parallel = Enumerable.Range(0, 8).AsParallel().Select(i => FigureRenderer.Render(i % 2 == 0 ? Line("sweep") : Histogram("hist")).Svg).ToList();
        Assert.All(parallel.Where((_, i) => i % 2 == 0), svg => Assert.Equal(first, svg));
        Assert.Single(parallel.Where((_, i) => i % 2 == 1).Distinct());
    }

    [Fact]
    public async Task TheWarmUpBesideADrawingChangesNeitherItsSvgNorItsPng()
    {
        var before = FigureRenderer.Render(Histogram("h"));
        var warm = Task.Run(FigureRenderer.WarmUp);
        var beside = FigureRenderer.Render(Histogram("h"));
        await warm;
        var after = FigureRenderer.Render(Histogram("h"));
        Assert.Equal(before.Svg, beside.Svg);
        Assert.Equal(before.Svg, after.Svg);
        Assert.Equal(before.Png, beside.Png);
        Assert.Equal(before.Png, after.Png);
    }

    [Fact]
    public void ClipPathIdsArePrefixedByTheFigureSoFiguresInOnePageDoNotCollide()
    {
        var a = Ids().Matches(FigureRenderer.Render(Line("pr_curve")).Svg).Select(m => m.Groups[1].Value).ToList();
        var b = Ids().Matches(FigureRenderer.Render(Histogram("score histogram")).Svg).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(a);
        Assert.All(a, id => Assert.StartsWith("pr_curve-clip", id, StringComparison.Ordinal));
        Assert.All(b, id => Assert.StartsWith("score_histogram-clip", id, StringComparison.Ordinal));
        Assert.Empty(a.Intersect(b));
        // every reference points at an id of the same figure
        string svg = FigureRenderer.Render(Line("pr_curve")).Svg;
        Assert.DoesNotContain("cl_", svg, StringComparison.Ordinal);
    }
}
