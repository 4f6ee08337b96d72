using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Metrics;
using GapLens.Core.Reports;
using GapLens.Core.Results;
using GapLens.IO.Files;
using GapLens.IO.Json;
using GapLens.IO.Results;
using GapLens.Jobs.Slices;
using GapLens.Perception.Scoring;
using GapLens.Reporting.Figures;
using GapLens.Reporting.Html;
using GapLens.Reporting.Markdown;
using GapLens.Statistics;

namespace GapLens.Jobs.Perception;

/// <summary>
/// Pieces the three perception report builders share (accuracy metrics and cells with their
/// intervals, category tables, the report files), the staging of a report: report.html
/// (self-contained), report.md with its figures as PNG under figures/, and report.json, and the
/// commit that ends every perception job (<see cref="CommitAsync"/>).
/// </summary>
internal static class PerceptionReportParts
{
    public const string HtmlName = "report.html";
    public const string MarkdownName = "report.md";
    public const string JsonName = "report.json";
    public const string FiguresDir = "figures";

    public const string Blue = "#1c7ed6";
    public const string Orange = "#e8590c";
    public const string Grey = "#868e96";
    public const string Green = "#2f9e44";

    /// <summary>Chance for a 3-option question.</summary>
    public const double Chance = 1.0 / 3.0;

    public static readonly NumberFormat Pct = NumberFormat.Percent(1);
    public static readonly NumberFormat F3 = NumberFormat.Fixed(3);

    public static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public static Metric Rate(string id, string label, MetricValue v, string? legend, Direction direction = Direction.HigherIsBetter) =>
        new(id, label, v.Value, Pct, direction, legend, v.Ci95, UndefinedReason: v.UndefinedReason);

    public static Metric Value(string id, string label, MetricValue v, NumberFormat format, Direction direction, string? legend) =>
        new(id, label, v.Value, format, direction, legend, v.Ci95, UndefinedReason: v.UndefinedReason);

    public static Metric Count(string id, string label, long n, string? legend = null) => new(id, label, n, NumberFormat.Count, Direction.Neutral, legend);

    /// <summary>A value with its interval, or "n/a" (numeric columns do not wrap, so the reason of an
    /// undefined value stays in the result JSON rather than in a table cell).</summary>
    public static Cell ValueCell(MetricValue v, NumberFormat format) => Core.Reports.Cell.Number(v.Value, format, v.Value is null ? null : v.Ci95);

    public static Cell Auroc(AurocResult a) => Core.Reports.Cell.Number(a.Value, F3, a.Value is null ? null : a.Ci);

    /// <summary>The legend of a table whose cells may be undefined.</summary>
    public const string UndefinedLegend = "n/a: undefined (e.g. no answered question, or all answers alike); the reason is in the result JSON.";

    public static Cell P(double? p) => Core.Reports.Cell.Number(p, NumberFormat.PValue);

    /// <summary>A table of category accuracies (areas, reasoning types or tags), in the scorer's order.</summary>
    public static Table Categories(string id, string caption, string header, IEnumerable<CategoryAccuracy> rows, string? legend = null) =>
        new(id, caption,
        [
            new TableColumn("name", header),
            new TableColumn("answered", "answered", Numeric: true),
            new TableColumn("correct", "correct", Numeric: true),
            new TableColumn("accuracy", "top-1 accuracy [Wilson 95%]", Direction.HigherIsBetter, Numeric: true),
        ],
        [.. rows.Select(c => ImmutableArray.Create(
            c.InTaxonomy ? Core.Reports.Cell.Of(c.Name) : Core.Reports.Cell.Of(c.Name + " (not in the starter kit's list)"),
            Core.Reports.Cell.Count(c.Answered), Core.Reports.Cell.Count(c.Correct), ValueCell(c.Accuracy, Pct)))],
        legend);

    /// <summary>Bars of accuracy with Wilson intervals per category.</summary>
    public static BarSeries AccuracySeries(string name, IReadOnlyList<MetricValue> values, string color) =>
        new(name, [.. values.Select(v => v.Value)], [.. values.Select(v => v.Ci95)], color);

    /// <summary>
    /// The end every perception job shares: stages the result JSON files, samples.jsonl and the
    /// report (<see cref="Stage"/>), commits the set with the run record last, logs the headline and
    /// where the report is. <paramref name="gateFailure"/> (e.g. --fail-under not met) makes the
    /// outcome a failed gate (exit 1) with the report still written.
    /// </summary>
    /// <param name="thumbnail">A question's image already in <paramref name="images"/> (by item id), for the "Where it fails" examples; null: none.</param>
    public static async Task<JobOutcome> CommitAsync(JobContext ctx, OutputSet outputs, Report report, IReadOnlyList<KeyValuePair<string, byte[]>> results,
        IEnumerable<SampleResult> samples, IReadOnlyDictionary<string, byte[]> images, string? gateFailure, CancellationToken ct, Func<string, GalleryImage?>? thumbnail = null)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(results);
        var sampleList = samples.ToList();
        // The slice search runs while the report's own figures are drawn (its one-off start-up cost is hidden there).
        var search = EmbeddedSlices.Start(sampleList, outputs.PathOf(SampleResultsFile.DefaultName), ct);
        var figures = FigureRenderer.RenderAll(report).ToDictionary(f => f.Id, StringComparer.Ordinal);
        var slices = await EmbeddedSlices.AwaitAsync(search, ctx.Log).ConfigureAwait(false);
        var section = SliceBlocks.Section(slices, SampleResultsFile.DefaultName, thumbnail);
        foreach (var f in FigureRenderer.RenderAll(report with { Sections = [section] })) figures[f.Id] = f;
        report = WithSection(report, section, "compare", "warnings", "gallery");
        string headline = report.Verdict?.Headline ?? report.Title;
        var artifacts = results.Select(r => r.Key).Concat([SampleResultsFile.DefaultName, HtmlName, MarkdownName, JsonName]).Select(outputs.PathOf).ToList();
        var outcome = gateFailure is null ? JobOutcome.Ok(artifacts, headline) : JobOutcome.GateFailed(gateFailure, artifacts) with { Headline = headline };
        foreach (var (name, json) in results) outputs.StageBytes(name, json);
        outputs.StageBytes(SampleResultsFile.DefaultName, SampleResultsFile.ToBytes(sampleList));
        slices.Stage(outputs);
        Stage(outputs, report, images, figures);
        ct.ThrowIfCancellationRequested();
        await ctx.Record.CommitAsync(outputs, outcome, ct).ConfigureAwait(false);
        ctx.Log.Info(headline);
        ctx.Log.Info($"Report: {outputs.PathOf(HtmlName)}");
        return outcome;
    }

    /// <summary>The report with <paramref name="section"/> before the first section with one of the
    /// ids <paramref name="before"/> (the comparison, warnings, galleries), else at the end.</summary>
    public static Report WithSection(Report report, ReportSection section, params string[] before)
    {
        ArgumentNullException.ThrowIfNull(report);
        int at = report.Sections.Select((s, i) => (s, i)).FirstOrDefault(x => before.Contains(x.s.Id), (null!, report.Sections.Length)).Item2;
        return report with { Sections = report.Sections.Insert(at, section) };
    }

    /// <summary>Renders and stages report.html, report.md (+ figures/*.png) and report.json.</summary>
    /// <param name="figures">The report's figures when already drawn; null: drawn here.</param>
    public static void Stage(OutputSet outputs, Report report, IReadOnlyDictionary<string, byte[]> images, IReadOnlyDictionary<string, RenderedFigure>? figures = null)
    {
        figures ??= FigureRenderer.RenderAll(report).ToDictionary(f => f.Id, StringComparer.Ordinal);
        foreach (var f in figures.Values) outputs.StageBytes($"{FiguresDir}/{f.Id}.png", f.Png);
        outputs.StageText(MarkdownName, MarkdownReportRenderer.Render(report, id => $"{FiguresDir}/{id}.png"));
        outputs.StageText(HtmlName, HtmlReportRenderer.Render(report, figures, images));
        outputs.StageBytes(JsonName, ReportJson.Serialize(report));
    }

    /// <summary>The facts at the bottom of every perception report.</summary>
    public static ImmutableArray<ReportFact> Facts(IEnumerable<(string Label, string? Value)> inputs) =>
    [
        .. inputs.Where(i => i.Value is not null).Select(i => new ReportFact(i.Label, i.Value!)),
        new ReportFact("GapLens", RunRecord.Tool.Version),
        new ReportFact("generated (UTC)", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)),
    ];
}
