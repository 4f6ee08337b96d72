using GapLens.Reporting.Figures;
using SkiaSharp;

namespace GapLens.Reporting.Tests.Rendering;

/// <summary>The figures' PNGs are encoded with one row filter (quicker than Skia's default, which tries
/// every filter): the pixels must be exactly those of ScottPlot's own PNG of the same plot.</summary>
public sealed class PngEncodingTests
{
    [Fact]
    public void ThePngHasThePixelsOfScottPlotsOwnPng()
    {
        var rng = new Random(5);
        var plot = new ScottPlot.Plot();
        double[] xs = [.. Enumerable.Range(0, 500).Select(i => i / 500.0)];
        plot.Add.Scatter(xs, [.. xs.Select(x => Math.Sqrt(x) + rng.NextDouble() * 0.05)]);
        plot.Add.Bars([.. Enumerable.Range(0, 20).Select(_ => rng.NextDouble())]);
        plot.Add.VerticalLine(0.3);
        plot.Title("pixels");
        byte[] theirs0 = plot.GetImageBytes(640, 360, ScottPlot.ImageFormat.Png);
        byte[] theirs = plot.GetImageBytes(640, 360, ScottPlot.ImageFormat.Png);
        Assert.Equal(theirs0, theirs);
        byte[] ours = FigureRenderer.Png(plot, 640, 360);
        using var a = SKBitmap.Decode(ours);
        using var b = SKBitmap.Decode(theirs);
        Assert.Equal((640, 360), (a.Width, a.Height));
        Assert.Equal((b.Width, b.Height), (a.Width, a.Height));
        Assert.Equal(b.Bytes, a.Bytes);
        Assert.True(ours.Length <= theirs.Length * 1.1, $"{ours.Length} bytes against {theirs.Length}");
    }
}
