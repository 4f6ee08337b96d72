using GapLens.Core.Reports;
using GapLens.Reporting.Figures;
using GapLens.Reporting.Html;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.Browser;

/// <summary>Metric cards hold whatever number they are given: a threshold at full precision (vcn_aoi
/// writes Python's repr, 16 digits) wraps inside its card instead of running into the next one.</summary>
public sealed class MetricCardBrowserTests : TempDirTest
{
    [Fact]
    public async Task AFullPrecisionThresholdStaysInsideItsCard()
    {
        var report = new Report("test", "Cards", null, null,
        [
            new ReportSection("verdict", "1. Verdict",
            [
                new MetricsBlock(
                [
                    new Metric("threshold", "Threshold", 0.0038016762118786, NumberFormat.PyRepr, Legend: "predict NO_PASS when siamese_score > threshold"),
                    new Metric("precision", "NO_PASS precision", 0.0847, NumberFormat.Fixed(4), Direction.HigherIsBetter),
                    new Metric("count", "samples", 123456789012, NumberFormat.Count),
                    new Metric("recall", "NO_PASS recall", 1, NumberFormat.Fixed(4), Direction.HigherIsBetter),
                ]),
            ]),
        ], []);
        string html = Dir.File("report.html", HtmlReportRenderer.Render(report, new Dictionary<string, RenderedFigure>(), new Dictionary<string, byte[]>()));
        await ReportBrowser.OpenAsync(html, "metric_cards_long_numbers");
    }
}
