using System.Globalization;
using System.Text.RegularExpressions;
using GapLens.Core.Reports;
using GapLens.Reporting.Csv;
using GapLens.Reporting.Figures;
using GapLens.Reporting.Html;
using GapLens.Reporting.Markdown;
using GapLens.Testing;

namespace GapLens.Reporting.Tests.Rendering;

/// <summary>The renderers lay the model out the same way whatever the machine's culture: snapshots are
/// taken under a comma-decimal culture (de-DE).</summary>
public sealed partial class ReportRenderingTests
{
    private static T UnderGerman<T>(Func<T> f)
    {
        var (c, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
        try
        {
            return f();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (c, ui);
        }
    }

    [Fact]
    public void MarkdownEqualsItsSnapshotUnderACommaDecimalCulture()
    {
        string md = UnderGerman(() => MarkdownReportRenderer.Render(SampleReport.Build(), id => $"figures/{id}.png"));
        string snapshot = TestData.PathOf("reporting", "sample_report.md");
        if (Environment.GetEnvironmentVariable("GAPLENS_UPDATE_SNAPSHOTS") == "1") File.WriteAllText(Path.Combine(RepoTestData(), "reporting", "sample_report.md"), md);
        Assert.Equal(File.ReadAllText(snapshot), md);
    }

    private static string RepoTestData()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (Directory.Exists(Path.Combine(d.FullName, "tests", "TestData"))) return Path.Combine(d.FullName, "tests", "TestData");
        }
        throw new InvalidOperationException("tests/TestData not found");
    }

    [Fact]
    public void MarkdownEscapesMarkupFromDataAndPipesInCells()
    {
        string md = MarkdownReportRenderer.Render(SampleReport.Build(), id => id + ".png");
        Assert.Contains("a\\|b &lt;script&gt;alert(1)&lt;/script&gt;", md, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", md, StringComparison.Ordinal);
        Assert.Contains("| Precision | 0.8765 | [0.8000, 0.9000] | higher |", md, StringComparison.Ordinal);
        Assert.Contains("~~~~text\nraw ``` text\n<b>kept</b>\n~~~~", md, StringComparison.Ordinal);
    }

    [Fact]
    public void HtmlIsSelfContainedEscapedAndWritesNumbersLikeTheModel()
    {
        var report = SampleReport.Build();
        var figures = UnderGerman(() => FigureRenderer.RenderAll(report)).ToDictionary(f => f.Id, StringComparer.Ordinal);
        var images = new Dictionary<string, byte[]> { ["images/a.png"] = [137, 80, 78, 71] };
        string html = UnderGerman(() => HtmlReportRenderer.Render(report, figures, images));
        Assert.Contains("Content-Security-Policy\" content=\"default-src 'none'", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(SrcHttp(), html);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("a|b &lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains(">0.8765<", html, StringComparison.Ordinal);
        Assert.Contains("[0.8000, 0.9000]", html, StringComparison.Ordinal);
        Assert.Contains(">1,234,567<", html, StringComparison.Ordinal);
        Assert.Contains(">0.0000<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("-0.0000", html, StringComparison.Ordinal);
        Assert.Contains("p = 1.7e-18", html, StringComparison.Ordinal);
        Assert.Contains("n/a (no positive labels)", html, StringComparison.Ordinal);
        Assert.Contains(">0.30000000000000004<", html, StringComparison.Ordinal);
        Assert.Contains("Showing the first 2 of 10 rows.", html, StringComparison.Ordinal);
        Assert.Contains("Showing 1 of 3.", html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,iVBORw==\"", html, StringComparison.Ordinal);
        Assert.Equal(2, Regex.Count(html, "<svg"));
    }

    [Fact]
    public void FiguresWriteInvariantNumbersAndHeatmapCellsAsVectorRectangles()
    {
        var report = SampleReport.Build();
        var figures = UnderGerman(() => FigureRenderer.RenderAll(report));
        var line = figures.Single(f => f.Id == "line");
        Assert.Matches(@">\s*0\.5\s*<", line.Svg);
        Assert.Matches(@">\s*0\.05\s*<", line.Svg);
        Assert.DoesNotMatch(CommaDecimalTick(), line.Svg);
        var heat = figures.Single(f => f.Id == "heat");
        Assert.DoesNotContain("<image", heat.Svg, StringComparison.Ordinal);
        Assert.Matches(@">\s*100%\s*<", heat.Svg);
        Assert.True(heat.Png.Length > 2000);
    }

    [Fact]
    public void ALineWithPointWeightsGetsOneMarkerPerPointSizedByItsWeight()
    {
        LineChart Chart(System.Collections.Immutable.ImmutableArray<double>? weights) => new("rel", "Reliability", null, new Axis("confidence", 0, 1), new Axis("accuracy", 0, 1),
            [new LineSeries("model", [0.15, 0.55, 0.95], [0.2, 0.5, 0.7], "#1f77b4", 2, PointWeights: weights)], [], [], []);
        string plain = UnderGerman(() => FigureRenderer.Render(Chart(null))).Svg;
        string weighted = UnderGerman(() => FigureRenderer.Render(Chart([3, 300, 30]))).Svg;
        Assert.Equal(0, Regex.Count(plain, "<ellipse"));
        var radii = Regex.Matches(weighted, "<ellipse[^>]*\\brx=\"([0-9.]+)\"").Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, radii.Count);
        // Area grows with the weight: 3, 300 and 30 questions give three sizes, the largest at least twice the smallest.
        Assert.Equal(3, radii.Select(r => Math.Round(r, 1)).Distinct().Count());
        Assert.True(radii[1] > radii[2] && radii[2] > radii[0], $"radii {string.Join(", ", radii)}");
        Assert.True(radii.Max() >= 2 * radii.Min(), $"radii {string.Join(", ", radii)}");
    }

    [Fact]
    public void WeightedDotsOnTheEdgeOfAFixedRangeAreDrawnWhole()
    {
        // A reliability bin of accuracy 0 or 1 sits on the axis' end: its dot must not be cut by the frame.
        var chart = new LineChart("rel", "Reliability", null, new Axis("confidence", 0, 1), new Axis("accuracy", 0, 1),
            [new LineSeries("model", [0.02, 0.5, 1], [0, 0.5, 1], "#1f77b4", 2, PointWeights: [300, 10, 300])], [], [], []);
        var svg = System.Xml.Linq.XDocument.Parse(UnderGerman(() => FigureRenderer.Render(chart)).Svg);
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        var dots = svg.Descendants(ns + "ellipse").ToList();
        Assert.Equal(3, dots.Count);
        foreach (var dot in dots)
        {
            // The dot's own clip (the data area), found through the nearest ancestor that has one.
            var clipped = dot.AncestorsAndSelf().First(e => e.Attribute("clip-path") is not null);
            string clipId = Regex.Match(clipped.Attribute("clip-path")!.Value, @"#([^)]+)").Groups[1].Value;
            var rect = svg.Descendants(ns + "clipPath").Single(c => (string?)c.Attribute("id") == clipId).Element(ns + "rect")!;
            double V(System.Xml.Linq.XElement e, string name) => double.Parse(e.Attribute(name)!.Value, CultureInfo.InvariantCulture);
            double cx = V(dot, "cx"), cy = V(dot, "cy"), rx = V(dot, "rx"), ry = V(dot, "ry");
            double left = V(rect, "x"), top = V(rect, "y"), right = left + V(rect, "width"), bottom = top + V(rect, "height");
            Assert.True(cx - rx >= left && cx + rx <= right && cy - ry >= top && cy + ry <= bottom,
                $"dot at ({cx:F1}, {cy:F1}) radius {rx:F1} is cut by the data area [{left:F1}, {right:F1}] x [{top:F1}, {bottom:F1}]");
        }
    }

    [Fact]
    public void TheFirstLegendRowOfATimelineIsNotClippedAtItsTop()
    {
        var chart = new TimelineChart("timeline_q1", "uid q1 · v1 · wrong", null, 240, new Axis("time in the video"), ["round 1", "round 2"],
            [new TimelineWindow(165, 190, "reference ±5 s", "#b2f2bb"), new TimelineWindow(170, 185, "reference window 00:02:50-00:03:05", "#2f9e44")],
            [new TimelineMark(175, 0, "by similarity", "#1c7ed6"), new TimelineMark(180, 1, "by id", "#e8590c"), new TimelineMark(230, 1, "by id (outside)", "#e8590c", Hollow: true)]);
        var svg = System.Xml.Linq.XDocument.Parse(UnderGerman(() => FigureRenderer.Render(chart)).Svg);
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        // The group holding the legend's labels, and the rectangle it is clipped to.
        var group = svg.Descendants(ns + "g").Single(g => g.Attribute("clip-path") is not null && g.Elements(ns + "text").Any(t => t.Value.Contains("reference ±5 s", StringComparison.Ordinal)));
        string clipId = Regex.Match(group.Attribute("clip-path")!.Value, @"#([^)]+)").Groups[1].Value;
        var clip = svg.Descendants(ns + "clipPath").Single(c => (string?)c.Attribute("id") == clipId).Element(ns + "rect")!;
        double clipTop = double.Parse(clip.Attribute("y")!.Value, CultureInfo.InvariantCulture);
        var first = group.Elements(ns + "text").Single(t => t.Value.Contains("reference ±5 s", StringComparison.Ordinal));
        double translateY = double.Parse(Regex.Match(first.Attribute("transform")!.Value, @"translate\([-0-9.]+ ([-0-9.]+)\)").Groups[1].Value, CultureInfo.InvariantCulture);
        double baseline = translateY + double.Parse(first.Attribute("y")!.Value.Split(',')[0], CultureInfo.InvariantCulture);
        double fontSize = double.Parse(first.Attribute("font-size")!.Value, CultureInfo.InvariantCulture);
        // DejaVu Sans' ascenders (f, b, d, parentheses) reach 0.76 em above the baseline: keep them and a pixel
        // of antialiasing inside the clip.
        Assert.True(baseline - clipTop >= 0.76 * fontSize + 1.5, $"first legend row's baseline {baseline:F2} is {baseline - clipTop:F2} px below the legend's clip at {clipTop:F2}");
    }

    [Fact]
    public void CsvWritesFullPrecisionAndIntervalsAsTwoColumns()
    {
        var table = SampleReport.Build().Sections[0].Blocks.OfType<TableBlock>().Single().Table;
        string csv = UnderGerman(() => CsvTableRenderer.Render(table));
        Assert.Equal(
            "name,count,rate,rate_ci95_lower,rate_ci95_upper,status\n" +
            "a|b <script>alert(1)</script>,1234567,-1E-05,,,bad\n" +
            "/a/path`with`ticks,0,0.5,0.25,0.75,ok\n", csv);
    }

    [Theory]
    [InlineData(NumberStyle.Fixed, 4, -0.00001, "0.0000")]
    [InlineData(NumberStyle.Fixed, 2, 1234.5678, "1234.57")]
    [InlineData(NumberStyle.Percent, 1, 0.123456, "12.3%")]
    [InlineData(NumberStyle.Percent, 1, -0.0001, "0.0%")]
    [InlineData(NumberStyle.Count, 0, 1234567, "1,234,567")]
    [InlineData(NumberStyle.PValue, 4, 0.0123456, "0.0123")]
    [InlineData(NumberStyle.PValue, 4, 0.00099, "9.9e-4")]
    [InlineData(NumberStyle.PValue, 4, 1.7e-18, "1.7e-18")]
    [InlineData(NumberStyle.PValue, 4, 0.0, "< 1e-300")]
    [InlineData(NumberStyle.PyRepr, 0, 1e-5, "1e-05")]
    public void NumbersAreWrittenOneWayEverywhere(NumberStyle style, int digits, double value, string expected) =>
        Assert.Equal(expected, UnderGerman(() => new NumberFormat(style, digits).Format(value)));

    [Theory]
    [InlineData(NumberStyle.Percent, 1, 0.034, "+3.4%")]
    [InlineData(NumberStyle.Percent, 1, -0.02, "-2.0%")]
    [InlineData(NumberStyle.Percent, 1, 0.0004, "0.0%")]
    [InlineData(NumberStyle.Percent, 1, -0.0004, "0.0%")]
    [InlineData(NumberStyle.Percent, 1, 0.0, "0.0%")]
    [InlineData(NumberStyle.Fixed, 3, 1.5, "+1.500")]
    [InlineData(NumberStyle.Count, 0, 1234, "+1,234")]
    [InlineData(NumberStyle.Fixed, 2, double.PositiveInfinity, "+inf")]
    [InlineData(NumberStyle.Fixed, 2, double.NaN, "n/a")]
    public void ASignedFormatWritesAPlusBeforePositiveValuesOnly(NumberStyle style, int digits, double value, string expected) =>
        Assert.Equal(expected, UnderGerman(() => new NumberFormat(style, digits).WithSign().Format(value)));

    [Fact]
    public void SignedDifferencesKeepTheirPlusInHtmlAndMarkdown()
    {
        var signed = NumberFormat.Percent(1).WithSign();
        var report = new Report("signed", "Signed", "a difference", null,
        [
            new ReportSection("s", "Differences",
            [
                new MetricsBlock([new Metric("d", "difference B - A", 0.034, signed, Direction.HigherIsBetter, "positive: B is better")]),
                new TableBlock(new Table("t", "per area", [new TableColumn("area", "area"), new TableColumn("d", "B - A", Direction.HigherIsBetter, Numeric: true)],
                [
                    [Cell.Of("up"), Cell.Number(0.125, signed)],
                    [Cell.Of("down"), Cell.Number(-0.05, signed)],
                ])),
            ]),
        ], []);
        string md = UnderGerman(() => MarkdownReportRenderer.Render(report, id => $"figures/{id}.png"));
        string html = UnderGerman(() => HtmlReportRenderer.Render(report, new Dictionary<string, RenderedFigure>(), new Dictionary<string, byte[]>()));
        Assert.Contains("+3.4%", md, StringComparison.Ordinal);
        Assert.Contains("| up | +12.5% |", md, StringComparison.Ordinal);
        Assert.Contains("| down | -5.0% |", md, StringComparison.Ordinal);
        Assert.Contains(">+3.4%<", html, StringComparison.Ordinal);
        Assert.Contains(">+12.5%<", html, StringComparison.Ordinal);
        Assert.Contains(">-5.0%<", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("src=\"https?:")]
    private static partial Regex SrcHttp();

    [GeneratedRegex(@">\s*\d+,\d+\s*<")]
    private static partial Regex CommaDecimalTick();
}
