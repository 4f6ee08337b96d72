using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using GapLens.Core.Reports;
using GapLens.Core.Statistics;
using GapLens.IO.Json;

namespace GapLens.IO.Tests.Json;

/// <summary>
/// report.json is written by a hand-made walker (<see cref="ReportJson"/>), not by the serializer; the
/// serializer, which knows the model from its source-generated metadata, is the oracle: both must give
/// the same bytes. The full report below uses every block, cell and figure type and gives every
/// property of the model a non-default value somewhere (checked by reflection), so a property or type
/// added to the model and not to the writer fails here.
/// </summary>
public sealed class ReportJsonTests
{
    private const string Awkward = "quote \" backslash \\ <b>&amp;</b> 'apos' tab\t nl\n ctl\u0001 ünïcødé 日本 😀 \u2028";

    private static readonly Interval Ci = new(0.1234567890123456, 0.987654321, 0.95, "wilson");

    internal static Report Full()
    {
        var pct = NumberFormat.Percent(1).WithSign();
        var metrics = new MetricsBlock(
        [
            new Metric("recall", "Recall " + Awkward, 0.30000000000000004, pct, Direction.HigherIsBetter, "legend", Ci, 1.7e-18, null),
            new Metric("undefined", "Undefined", null, NumberFormat.PValue, Direction.LowerIsBetter, null, null, null, "no positives"),
            new Metric("tiny", "Tiny", double.Epsilon, NumberFormat.PyRepr),
            new Metric("huge", "Huge", 1.2345678901234567e300, NumberFormat.Count),
            new Metric("negative-zero", "Negative zero", -0.0, NumberFormat.Fixed(3)),
        ]);
        var table = new TableBlock(new Table(
            "t1",
            "Caption " + Awkward,
            [
                new TableColumn("name", "Name"),
                new TableColumn("value", "Value", Direction.LowerIsBetter, "col legend", Numeric: true),
            ],
            [
                [new TextCell("plain"), new TextCell("/mono/path", Monospace: true), new NumberCell(0.25, pct, Ci), new NumberCell(null, NumberFormat.Count)],
                [new BadgeCell("FAIL", Tone.Bad), new ImageCell("images/a b.png", "alt text"), new ImageCell(null, "missing alt", "file not found"), new LinkCell("../run/report.html", "other run")],
            ],
            Legend: "table legend",
            TotalRows: 1234));
        var gallery = new GalleryBlock("g1", "gallery caption",
        [
            new GalleryItem("item " + Awkward,
                [new GalleryImage("top", "rca_images/1.png"), new GalleryImage("side", null, "could not decode")],
                [new("label", "NO_PASS"), new("score", "0.97")],
                Badge: "missed",
                BadgeTone: Tone.Warning,
                Problem: "one image missing") { Filters = [new("label", "NO_PASS")] },
            new GalleryItem("plain item", [], []),
        ], TotalItems: 99);
        var bar = new BarChart("bar", "Bar", "bar legend", ["a", "b"],
            [new BarSeries("s", [1.5, null], [Ci, null], "#123456")],
            new Axis("y", 0, 1, Log: true), XLabel: "x label", Stacked: true);
        var hist = new HistogramChart("hist", "Histogram", "hist legend", [0, 0.5, 1],
            [new HistogramSeries("PASS", [3, 4], "#00ff00")],
            new Axis("score"), new Axis("count", Min: 1), [new MarkerLine(0.5, "threshold")]);
        var line = new LineChart("line", "Line", "line legend", new Axis("fpr", 0, 1), new Axis("tpr", Max: 1),
            [
                new LineSeries("roc", [0, 0.5, 1], [0, 0.75, 1], "#abcdef", Width: 2.5, Dashed: true, PointWeights: [1, 2, 3]),
                new LineSeries("diag", [0, 1], [0, 1], "#000000"),
            ],
            [new MarkerLine(0.2, "m")], [new SpanBand(0.1, 0.3, "band")], [new PointMark(0.5, 0.75, "op")]);
        var heat = new HeatmapChart("heat", "Heatmap", "heat legend", ["r1", "r2"], ["c1"],
            [[0.5], [null]], [["50%"], ["n/a"]], "rows", "columns", "scale", -1, 1);
        var scatter = new ScatterChart("scatter", "Scatter", "scatter legend", new Axis("conf"), new Axis("acc"), [0.1, 0.9], [0.2, 0.8], "questions",
            [new ReferenceLine(1, 0, "y = x", "#999999", Dashed: true), new ReferenceLine(0.5, 0.1, "fit", "#111111")]);
        var timeline = new TimelineChart("timeline", "Timeline", "tl legend", 120.5, new Axis("seconds"), ["gt", "pred"],
            [new TimelineWindow(1, 2.5, "window", "#ff0000")], [new TimelineMark(3.25, 1, "pred", "#00ff00", Hollow: true), new TimelineMark(4, 0, "gt", "#0000ff")]);
        return new Report("kind.x", "Title " + Awkward, "Subtitle",
            new Verdict(Tone.Good, "headline", ["point 1", "point 2"]),
            [
                new ReportSection("s1", "Section one",
                [
                    metrics,
                    new ParagraphBlock("paragraph " + Awkward, IsLegend: true),
                    new ParagraphBlock("plain paragraph"),
                    new ListBlock(["one", "two"], Ordered: true),
                    new ListBlock([]),
                    table,
                    gallery,
                    new CodeBlock("gaplens demo\n  --flag"),
                    new CalloutBlock(Tone.Warning, "callout"),
                ]),
                new ReportSection("figures", "Figures",
                [
                    new FigureBlock(bar), new FigureBlock(hist), new FigureBlock(line), new FigureBlock(heat),
                    new FigureBlock(scatter), new FigureBlock(timeline),
                    new FigureBlock(hist with { Id = "no-legend", Legend = null, Markers = [] }),
                ]),
                new ReportSection("empty", "Empty", []),
            ],
            [new ReportFact("input", "/data/in.csv"), new ReportFact("rows", "1,234")]) { Format = "gaplens.report/test" };
    }

    private static void AssertSameBytes(byte[] expected, byte[] actual)
    {
        if (expected.AsSpan().SequenceEqual(actual)) return;
        int i = 0;
        while (i < Math.Min(expected.Length, actual.Length) && expected[i] == actual[i]) i++;
        string Around(byte[] b) => Encoding.UTF8.GetString(b, Math.Max(0, i - 200), Math.Min(b.Length, i + 100) - Math.Max(0, i - 200));
        Assert.Fail($"first difference at byte {i} of {expected.Length} (serializer) / {actual.Length} (writer)\n--- serializer:\n{Around(expected)}\n--- writer:\n{Around(actual)}");
    }

    [Fact]
    public void FullReportIsByteIdenticalToTheSerializer() =>
        AssertSameBytes(GapLensJson.Serialize(Full()), ReportJson.Serialize(Full()));

    [Fact]
    public void MinimalReportIsByteIdenticalToTheSerializer()
    {
        var r = new Report("k", "t", null, null, [], []);
        AssertSameBytes(GapLensJson.Serialize(r), ReportJson.Serialize(r));
        Assert.EndsWith("}\n", Encoding.UTF8.GetString(ReportJson.Serialize(r)), StringComparison.Ordinal);
    }

    [Fact]
    public void NonFiniteNumbersAreRefusedLikeTheSerializerDoes()
    {
        var r = new Report("k", "t", null, null, [new ReportSection("s", "s", [new MetricsBlock([new Metric("m", "m", double.NaN, NumberFormat.Fixed(1))])])], []);
        Assert.ThrowsAny<Exception>(() => GapLensJson.Serialize(r));
        Assert.ThrowsAny<ArgumentException>(() => ReportJson.Serialize(r));
    }

    [Fact]
    public void AnUninitialisedArrayIsNamedNotWrittenAsSomething()
    {
        var r = new Report("k", "t", null, null, [new ReportSection("s", "s", [new ListBlock(default)])], []);
        var ex = Assert.Throws<InvalidOperationException>(() => ReportJson.Serialize(r));
        Assert.Contains("'items'", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>The guard that makes the byte comparison mean something: every concrete type of the
    /// model appears in <see cref="Full"/>, and every property of it is non-default there at least once
    /// (a property the writer forgot, or wrote wrongly only when set, would otherwise go unseen).</summary>
    [Fact]
    public void TheFullReportExercisesEveryTypeAndPropertyOfTheModel()
    {
        var modelTypes = ModelTypes(typeof(Report));
        var seen = new HashSet<(Type, string)>();
        var types = new HashSet<Type>();
        Walk(Full(), seen, types, modelTypes);
        var missingTypes = modelTypes.Where(t => !t.IsAbstract && !types.Contains(t)).Select(t => t.Name).ToList();
        Assert.True(missingTypes.Count == 0, "types not in the full report: " + string.Join(", ", missingTypes));
        var missing = modelTypes.Where(t => !t.IsAbstract)
            .SelectMany(t => Properties(t).Where(p => !seen.Contains((t, p.Name))).Select(p => $"{t.Name}.{p.Name}"))
            .ToList();
        Assert.True(missing.Count == 0, "properties never set to a non-default value in the full report: " + string.Join(", ", missing));
        Assert.Contains(typeof(TimelineMark), modelTypes); // the closure reaches through figures and arrays
        Assert.Contains(typeof(Interval), modelTypes);
    }

    private static IEnumerable<PropertyInfo> Properties(Type t) =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0);

    /// <summary>The model's own types: those reachable from <paramref name="root"/> through property
    /// types, array and nullable element types and polymorphic derived types, outside System.</summary>
    internal static HashSet<Type> ModelTypes(Type root)
    {
        var found = new HashSet<Type>();
        var queue = new Queue<Type>([root]);
        while (queue.Count > 0)
        {
            var t = queue.Dequeue();
            if (t.IsGenericType)
            {
                foreach (var a in t.GetGenericArguments()) queue.Enqueue(a);
                continue;
            }
            if (t.IsPrimitive || t.IsEnum || t == typeof(string) || t.Namespace?.StartsWith("System", StringComparison.Ordinal) == true) continue;
            if (!found.Add(t)) continue;
            foreach (var p in Properties(t)) queue.Enqueue(p.PropertyType);
            foreach (var d in t.GetCustomAttributes<JsonDerivedTypeAttribute>(inherit: false)) queue.Enqueue(d.DerivedType);
        }
        return found;
    }

    private static void Walk(object? o, HashSet<(Type, string)> seen, HashSet<Type> types, HashSet<Type> model)
    {
        if (o is null) return;
        var t = o.GetType();
        if (o is string || t.IsPrimitive || t.IsEnum) return;
        if (o is IEnumerable items)
        {
            foreach (var item in items) Walk(item, seen, types, model);
            return;
        }
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        {
            Walk(t.GetProperty("Value")!.GetValue(o), seen, types, model);
            return;
        }
        if (!model.Contains(t)) return;
        types.Add(t);
        foreach (var p in Properties(t))
        {
            var v = p.GetValue(o);
            if (!IsDefault(v)) seen.Add((t, p.Name));
            Walk(v, seen, types, model);
        }
    }

    private static bool IsDefault(object? v) => v switch
    {
        null => true,
        bool b => !b,
        int i => i == 0,
        long l => l == 0,
        double d => d == 0,
        Enum e => Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture) == 0,
        IEnumerable e and not string => !e.Cast<object?>().Any(),
        _ => false,
    };
}
