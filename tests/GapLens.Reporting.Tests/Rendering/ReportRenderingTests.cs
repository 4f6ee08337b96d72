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

    [GeneratedRegex("src=\"https?:")]
    private static partial Regex SrcHttp();

    [GeneratedRegex(@">\s*\d+,\d+\s*<")]
    private static partial Regex CommaDecimalTick();
}
