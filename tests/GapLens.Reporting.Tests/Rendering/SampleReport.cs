using GapLens.Core.Reports;
using GapLens.Core.Statistics;

namespace GapLens.Reporting.Tests.Rendering;

/// <summary>A report with one block of every kind, data text that looks like markup, and numbers that
/// a culture-sensitive formatter would write differently.</summary>
internal static class SampleReport
{
    public static Report Build() => new("test.sample", "Sample <report> & more", "Made for the renderer tests | with a pipe",
        new Verdict(Tone.Warning, "Recall 0.9500 [0.9000, 0.9800] at 1,234,567 rows", ["first point", "second <b>point</b>"]),
        [
            new ReportSection("numbers", "1. Numbers",
            [
                new MetricsBlock(
                [
                    new Metric("precision", "Precision", 0.87654321, NumberFormat.Fixed(4), Direction.HigherIsBetter, "TP / (TP + FP)", new Interval(0.8, 0.9, 0.95, "wilson")),
                    new Metric("p", "p-value", 0.5, NumberFormat.Fixed(4), PValue: 1.7e-18),
                    new Metric("undefined", "Undefined", null, NumberFormat.Percent(1), Direction.LowerIsBetter, UndefinedReason: "no positive labels"),
                    new Metric("threshold", "Threshold", 0.1 + 0.2, NumberFormat.PyRepr),
                ]),
                new TableBlock(new Table("t", "A table", [new TableColumn("name", "name"), new TableColumn("count", "count", Direction.LowerIsBetter, Numeric: true),
                    new TableColumn("rate", "rate", Direction.HigherIsBetter, "a legend", Numeric: true), new TableColumn("status", "")],
                [
                    [Cell.Of("a|b <script>alert(1)</script>"), Cell.Count(1234567), Cell.Number(-0.00001, NumberFormat.Fixed(4)), new BadgeCell("bad", Tone.Bad)],
                    [Cell.Mono("/a/path`with`ticks"), Cell.Count(0), Cell.Number(0.5, NumberFormat.Percent(1), new Interval(0.25, 0.75, 0.95, "wilson")), new BadgeCell("ok", Tone.Good)],
                ], "Rows are samples.", TotalRows: 10)),
            ]),
            new ReportSection("figures", "2. Figures",
            [
                new FigureBlock(new LineChart("line", "A line", "How to read it.", new Axis("x (unit)", 0, 1), new Axis("y (higher is better)", 0, 1),
                    [new LineSeries("series", [0, 0.25, 0.5, 1], [0.1, 0.4, 0.45, 0.9], "#1971c2")], [new MarkerLine(0.5, "chosen")], [new SpanBand(0, 0.25, "feasible")], [new PointMark(0.5, 0.45, "point")])),
                new FigureBlock(new HeatmapChart("heat", "A heatmap", null, ["m1", "m2"], ["d1", "d2"], [[0.5, null], [1.0, 0.0]], [["50%", "n/a"], ["100%", "0%"]], "model", "domain", "rate", 0, 1)),
            ]),
            new ReportSection("more", "3. More",
            [
                new GalleryBlock("g", "Weakest first.", [new GalleryItem("sample <1>", [new GalleryImage("img", "images/a.png"), new GalleryImage("missing", null, "image not found")],
                    [new("path", "/very/long/path/that/should/wrap/inside/its/card/and/never/overflow/the/page/at/all.png")], "misclassified", Tone.Bad) { Filters = [new("model", "m1")] }], TotalItems: 3),
                new CodeBlock("raw ``` text\n<b>kept</b>"),
                new CalloutBlock(Tone.Bad, "Careful & <escaped>"),
                new ListBlock(["one", "two"], Ordered: true),
                new ParagraphBlock("A legend paragraph.", IsLegend: true),
            ]),
        ],
        [new ReportFact("tool", "gaplens 0.1.0"), new ReportFact("seed", "0")]);
}
