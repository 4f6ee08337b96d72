using System.Globalization;
using GapLens.Core.Reports;
using GapLens.Reporting.Figures;

namespace GapLens.Reporting.Tests.Rendering;

public sealed class TimelineRendererTests
{
    private static TimelineChart Chart(double length) => new("timeline_01_u1", "uid u1 · v1 · wrong", "Question: what?", length, new Axis("time in the video"),
        ["round 1", "round 2"],
        [new TimelineWindow(15, 29, "reference ±5 s", "#b2f2bb"), new TimelineWindow(20, 24, "reference window 00:20-00:24", "#2f9e44")],
        [new TimelineMark(21, 0, "by similarity", "#1c7ed6"), new TimelineMark(0, 1, "by id (outside)", "#e8590c", Hollow: true), new TimelineMark(3599.5, 1, "by id (outside)", "#e8590c", Hollow: true)]);

    [Fact]
    public void DrawsClockTicksLanesAndEverySeriesInTheLegendUnderACommaDecimalCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var r = FigureRenderer.Render(Chart(3600));
            Assert.Matches(@">\s*0:00\s*<", r.Svg);
            Assert.Matches(@">\s*1:00:00\s*<", r.Svg);
            Assert.Matches(@">\s*round\ 2\s*<", r.Svg);
            Assert.Contains("reference window 00:20-00:24", r.Svg, StringComparison.Ordinal);
            Assert.Contains("by id (outside)", r.Svg, StringComparison.Ordinal);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], r.Png[..4]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(double.NaN)]
    [InlineData(1)]
    public void ADegenerateLengthStillDrawsItsMarks(double length)
    {
        var r = FigureRenderer.Render(Chart(length) with { Marks = [new TimelineMark(0, 0, "by id", "#e8590c")], Windows = [] });
        Assert.Matches(@">\s*0:00\s*<", r.Svg);
        Assert.NotEmpty(r.Png);
    }
}
