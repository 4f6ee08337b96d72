using System.Globalization;
using GapLens.Core;
using GapLens.Core.Config;
using GapLens.Core.Json;
using GapLens.Core.Metrics;
using GapLens.Core.Mining.Aoi;
using GapLens.Core.Reports;
using GapLens.Core.Text;
using GapLens.IO.Config;
using GapLens.IO.Csv;
using GapLens.IO.Files;
using GapLens.IO.Parquet;
using GapLens.IO.Json;
using GapLens.Reporting.Figures;
using GapLens.Reporting.Html;
using GapLens.Reporting.Images;
using GapLens.Reporting.Markdown;

namespace GapLens.Jobs.VcnAoi;

/// <summary>
/// <c>gap_analysis vcn_aoi</c> (spec 01): Visual ChangeNet scores -> the operating threshold under a
/// NO_PASS recall target, the weakest samples per label, their per-lighting image paths, and the
/// TAO artifacts. One streaming pass over inference.csv (scores and labels, and where each line
/// starts), then the paths of the kept rows read from their lines.
/// </summary>
public sealed class VcnAoiJob : IJob<AoiOptions>
{
    public const string ParquetName = "kpi_gaps.parquet";
    public const string ThresholdName = "threshold.txt";
    public const string BreakdownName = "weak_samples_breakdown.txt";
    public const string MetricsName = "metrics.json";
    public const string UnreachableName = "unreachable_kpi.txt";
    public const string ReportMarkdownName = "RCA_Report.md";
    public const string ReportHtmlName = "report.html";
    public const string ReportJsonName = "report.json";
    public const string ImagesDir = "rca_images";

    /// <summary>Everything the run computed, for the RCA report (built once, rendered many times).</summary>
    public sealed record Result(
        AoiOptions Options,
        string ResultsDir,
        string CsvPath,
        AoiTable Table,
        ScoreSweep Sweep,
        ThresholdSelection? Selection,
        double Threshold,
        OperatingPoint AtThreshold,
        AoiSelection Weak,
        IReadOnlyList<KpiGapRow> Gaps,
        IReadOnlyDictionary<int, (string InputPath, string ObjectName)> Paths,
        TrainConfig Train,
        string Breakdown,
        IReadOnlyList<AoiLabelStats> PerLabel,
        string? Unreachable)
    {
        /// <summary>The figures, their drawing started as soon as the threshold is known so they are
        /// drawn while the weak samples and statistics are worked out; null: drawn when writing.</summary>
        public DrawnFigures? Figures { get; init; }
    }

    /// <summary>The report's figures and their SVG/PNG drawings, drawn one after the other on one pool
    /// thread (the thread that started them keeps the other core); the thread that then waits for them
    /// draws the ones not yet begun itself, from the last, so both cores draw at the end.</summary>
    public sealed class DrawnFigures
    {
        private readonly Lazy<RenderedFigure>[] _drawings;
        private readonly Task _background;

        private DrawnFigures(IReadOnlyList<Figure> models, CancellationToken ct)
        {
            Models = models;
            _drawings = [.. models.Select(m => new Lazy<RenderedFigure>(() => FigureRenderer.Render(m), LazyThreadSafetyMode.ExecutionAndPublication))];
            _background = Task.Run(() =>
            {
                foreach (var d in _drawings)
                {
                    ct.ThrowIfCancellationRequested();
                    _ = d.Value;
                }
            }, ct);
        }

        public IReadOnlyList<Figure> Models { get; }

        public static DrawnFigures Start(Result r, CancellationToken ct) => new(RcaReportBuilder.Figures(r), ct);

        /// <summary>Every drawing by figure id; draws those the pool thread has not begun (one it is
        /// drawing is waited for), then waits for the pool thread.</summary>
        public async Task<Dictionary<string, RenderedFigure>> AllAsync(CancellationToken ct)
        {
            for (int i = _drawings.Length - 1; i >= 0; i--)
            {
                ct.ThrowIfCancellationRequested();
                _ = _drawings[i].Value;
            }
            await _background.ConfigureAwait(false);
            return _drawings.Select(d => d.Value).ToDictionary(f => f.Id, StringComparer.Ordinal);
        }
    }

    /// <summary>Every file this job may write into results_dir (a rerun removes the ones it does not write again).</summary>
    public static readonly IReadOnlyList<string> Outputs =
        [ParquetName, ThresholdName, BreakdownName, MetricsName, UnreachableName, ReportMarkdownName, ReportHtmlName, ReportJsonName, ImagesDir + "/"];

    public string Name => "vcn_aoi";

    public async Task<JobOutcome> RunAsync(AoiOptions options, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var result = Analyze(options, ctx, ct);
        return await WriteAsync(result, ctx, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Writes everything of a run at once: the TAO artifacts (or unreachable_kpi.txt), and the RCA
    /// report built once from the run and rendered to RCA_Report.md, report.html (self-contained),
    /// report.json and rca_images/ (plots, 128x128 spot-check thumbnails). All files are staged first
    /// and committed together with the run record last, so a failure (e.g. an image that exists but
    /// cannot be decoded, a user error naming it) leaves no artifact; a missing image is only listed.
    /// </summary>
    public static async Task<JobOutcome> WriteAsync(Result r, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(ctx);
        var clock = new PhaseClock(ctx.Log, "write");
        // kpi_gaps.parquet needs only the analysis: it is made on the other core while this one builds
        // the report model (Parquet.Net's start-up, mostly JIT, costs more than the 800 rows).
        var parquet = r.Unreachable is null ? Task.Run(() => KpiGapsParquet.ToBytesAsync(r.Gaps, ct), ct) : null;
        var samples = RcaReportBuilder.Samples(r);
        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var thumbnails = RcaReportBuilder.SpotCheck(r, samples).Select((pick, i) =>
        {
            // A NUL in input_path (pandas keeps it) names no file: listed, not looked up (the path APIs throw).
            var (png, problem) = pick.ImagePath.Contains('\0', StringComparison.Ordinal)
                ? (null, "not a file path: it holds a NUL character")
                : Thumbnails.Make(ctx.Absolute(pick.ImagePath));
            if (png is null) return new RcaThumbnail(pick.Sample, pick.ImagePath, null, problem);
            string file = $"{ImagesDir}/spot_{i + 1:00}_{Safe(pick.Sample.Label)}_{Safe(pick.Sample.ObjectName)}.png";
            images[file] = png;
            return new RcaThumbnail(pick.Sample, pick.ImagePath, file, null);
        }).ToList();
        ct.ThrowIfCancellationRequested();
        clock.Lap($"spot-check thumbnails ({images.Count})");
        // The figures depend on the threshold only: Analyze started drawing them on a pool thread as
        // soon as it was known (not when the KPI is unreachable); they are drawn from here otherwise.
        var drawing = r.Figures ?? DrawnFigures.Start(r, ct);
        var figureModels = drawing.Models;
        var report = RcaReportBuilder.Build(r, samples, thumbnails, DateTimeOffset.UtcNow, RunRecord.Tool.Version, figureModels);
        clock.Lap("report model");
        var markdown = Task.Run(() => MarkdownReportRenderer.Render(report, id => $"{ImagesDir}/{id}.png"), ct);
        byte[] json = ReportJson.Serialize(report);
        clock.Lap("report.json");
        var figures = await drawing.AllAsync(ct).ConfigureAwait(false);
        clock.Lap($"plots ({figures.Count}, SVG and PNG), drawn beside the analysis, the report model and report.json");
        ct.ThrowIfCancellationRequested();
        var outcome = ToOutcome(r, report);
        using (var outputs = OutputSet.Open(r.ResultsDir, "results_dir", Outputs, ctx.Record.InputPaths))
        {
            if (r.Unreachable is { } text)
            {
                outputs.StageText(UnreachableName, text);
            }
            else
            {
                outputs.StageBytes(ParquetName, await parquet!.ConfigureAwait(false));
                clock.Lap($"{ParquetName} ({r.Gaps.Count} rows, made beside the report model)");
                // As NVIDIA's script (and its own test): threshold.txt only for a swept threshold; a
                // pinned one is in metrics.json and the breakdown.
                if (r.Selection is not null) outputs.StageText(ThresholdName, PyFloat.Repr(r.Threshold));
                outputs.StageText(BreakdownName, r.Breakdown);
                outputs.StageText(MetricsName, MetricsJson(r.Threshold, r.Options.MinRecall, r.AtThreshold, r.PerLabel, r.Selection) + "\n");
            }
            foreach (var (file, png) in images) outputs.StageBytes(file, png);
            foreach (var f in figures.Values) outputs.StageBytes($"{ImagesDir}/{f.Id}.png", f.Png);
            outputs.StageText(ReportHtmlName, HtmlReportRenderer.Render(report, figures, images));
            outputs.StageText(ReportMarkdownName, await markdown.ConfigureAwait(false));
            outputs.StageBytes(ReportJsonName, json);
            clock.Lap($"other artifacts, report.html, {ReportMarkdownName} and {ReportJsonName} staged");
            ct.ThrowIfCancellationRequested();
            await ctx.Record.CommitAsync(outputs, outcome, ct).ConfigureAwait(false);
            clock.Lap("run record written, outputs committed");
        }
        var log = ctx.Log;
        if (r.Unreachable is null)
        {
            if (r.Selection is not null) log.Info($"Threshold written to {Path.Combine(r.ResultsDir, ThresholdName)}");
            string k = r.Options.TopKPerLabel?.ToString(CultureInfo.InvariantCulture) ?? "None";
            log.Info($"Selected {r.Weak.Rows.Length} weak samples ({r.Gaps.Count} per-lighting filepaths) from {r.Table.RowCount} total (threshold={PyFloat.Repr(r.Threshold)}, top_k_per_label={k})");
            log.Info("\n" + r.Breakdown.TrimEnd('\n'));
            log.Info($"Breakdown saved to {Path.Combine(r.ResultsDir, BreakdownName)}");
        }
        log.Info($"RCA report saved to {Path.Combine(r.ResultsDir, ReportHtmlName)} (and {ReportMarkdownName})");
        if (r.Unreachable is { } unreachable)
        {
            foreach (string line in unreachable.TrimEnd('\n').Split('\n')) log.Error(line);
        }
        return outcome;
    }

    private static string Safe(string s) => string.Concat(s.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));

    /// <summary>Runs the analysis and writes the TAO artifacts; the result feeds the report.</summary>
    public static Result Analyze(AoiOptions options, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        BoundedValue.CheckAll(options.Numbers());
        var log = ctx.Log;
        var clock = new PhaseClock(log, "analysis");
        string csvPath = Path.Combine(ctx.Absolute(options.InferenceResultsDir), "inference.csv");
        if (!File.Exists(csvPath)) throw new UserInputException($"FileNotFoundError: Expected inference CSV at {csvPath}");
        // A FIFO is copied in one pass first: the file is read twice.
        using var csv = RereadableInput.Open(csvPath, "inference CSV", ct);
        ctx.Record.AddInput(csvPath, "inference_csv", csv.Path);
        string trainPath = ctx.Absolute(options.TrainConfig);
        ctx.Record.AddInput(trainPath, "train_config");
        var train = TrainConfig.Load(trainPath);
        clock.Lap("train config");
        ctx.Progress?.Begin("Reading inference.csv", "MB");
        var (table, lines) = csv.Read(path => InferenceCsv.Read(path, PandasFloatPrecision.High, ctx.Progress is { } p ? p.Report : null, ct));
        string resultsDir = ctx.Absolute(options.ResultsDir);
        OutputFolder.Create(resultsDir);

        clock.Lap(string.Create(CultureInfo.InvariantCulture, $"read inference.csv ({table.RowCount:#,0} rows, {table.Labels.Length} labels)"));
        ct.ThrowIfCancellationRequested();
        // The tie groups keep one core busy (the defects are few): the other pays the plotting
        // library's one-time start-up meanwhile, so the figures are quicker to draw once the
        // threshold is known.
        _ = Task.Run(FigureRenderer.WarmUp, ct);
        var sweep = ScoreSweep.Build(table.Scores, table.NoPassFlags());
        ct.ThrowIfCancellationRequested();
        clock.Lap(string.Create(CultureInfo.InvariantCulture, $"tie groups ({sweep.DistinctScores.Length:#,0} distinct scores)"));
        ThresholdSelection? selection = null;
        double threshold = options.Threshold;
        if (threshold < 0)
        {
            selection = ThresholdSelection.Sweep(sweep, options.MinRecall);
            clock.Lap(string.Create(CultureInfo.InvariantCulture, $"threshold selection ({selection.CandidateCount:#,0} candidates, {selection.FeasibleCount:#,0} feasible)"));
            if (selection.Best is null)
            {
                string text = UnreachableText(options.MinRecall, selection, sweep);
                return new Result(options, resultsDir, csvPath, table, sweep, selection, double.NaN,
                    OperatingPoint.At(double.NaN, BinaryConfusion.Empty), new AoiSelection([], [], options.TopKPerLabel), [], new Dictionary<int, (string, string)>(),
                    train, "", [], text);
            }
            threshold = selection.Best.Threshold;
            log.Info($"Optimal threshold: {PyFloat.Repr(threshold)} (F1={PyFormat.Fixed(selection.Best.F1, 4)}, Precision={PyFormat.Fixed(selection.Best.Precision, 4)})");
        }
        var atThreshold = OperatingPoint.At(threshold, sweep.AtStrict(threshold));
        // The figures need the threshold only: they are drawn on the other core from here on.
        var figures = DrawnFigures.Start(new Result(options, resultsDir, csvPath, table, sweep, selection, threshold, atThreshold,
            new AoiSelection([], [], options.TopKPerLabel), [], new Dictionary<int, (string, string)>(), train, "", [], null), ct);

        ct.ThrowIfCancellationRequested();
        var (weak, perLabel) = AoiAnalysis.WeakAndPerLabel(table, threshold, options.TopKPerLabel, sweep);
        string breakdown = AoiAnalysis.Breakdown(table, weak, threshold);
        clock.Lap($"weak samples ({weak.Rows.Length} kept) and per-label statistics ({perLabel.Length} labels)");
        // The paths of the kept rows: read from their lines, or in a second pass over the file when
        // the first did not record where they are.
        var paths = csv.Read(path => InferenceCsv.ReadPaths(path, weak.Rows, lines, ct));
        clock.Lap(lines is null ? "paths of the kept rows (second pass)" : "paths of the kept rows (read from their lines)");
        var gaps = new List<KpiGapRow>(weak.Rows.Length * train.Lightings.Length);
        for (int i = 0; i < weak.Rows.Length; i++)
        {
            int row = weak.Rows[i];
            var (input, obj) = paths[row];
            string label = table.Labels[table.LabelIds[row]];
            foreach (string lighting in train.Lightings)
            {
                gaps.Add(new KpiGapRow(PurePosixPath.Join(options.KpiMediaPath, input, $"{obj}_{lighting}{train.ImageExt}"), label, table.Scores[row], weak.Weakness[i]));
            }
        }

        return new Result(options, resultsDir, csvPath, table, sweep, selection, threshold, atThreshold, weak, gaps, paths, train, breakdown, perLabel, null) { Figures = figures };
    }

    private static JobOutcome ToOutcome(Result r, Report report)
    {
        if (r.Unreachable is not null)
        {
            return JobOutcome.GateFailed($"KPI unreachable; see {Path.Combine(r.ResultsDir, UnreachableName)}",
                new[] { UnreachableName, ReportMarkdownName, ReportHtmlName }.Select(a => Path.Combine(r.ResultsDir, a))) with { Headline = report.Verdict?.Headline };
        }
        string[] artifacts = r.Selection is null
            ? [ParquetName, BreakdownName, MetricsName, ReportMarkdownName, ReportHtmlName]
            : [ParquetName, ThresholdName, BreakdownName, MetricsName, ReportMarkdownName, ReportHtmlName];
        return JobOutcome.Ok(artifacts.Select(a => Path.Combine(r.ResultsDir, a)), report.Verdict?.Headline);
    }

    /// <summary>unreachable_kpi.txt.</summary>
    internal static string UnreachableText(double minRecall, ThresholdSelection selection, ScoreSweep sweep) =>
        $"No threshold achieves {PyFormat.Percent(minRecall, 0)} recall on the NO_PASS class.\n" +
        $"min_recall={PyFloat.Repr(minRecall)}\n" +
        $"best achievable NO_PASS recall={(selection.BestAchievableRecall is { } r ? PyFloat.Repr(r) : "undefined: no NO_PASS samples")}\n" +
        $"total={sweep.Count} pass={sweep.Negatives} no_pass={sweep.Positives}\n";

    /// <summary>metrics.json in Python's json.dumps(indent=2) form, over all rows, strict rule.</summary>
    internal static string MetricsJson(double threshold, double minRecall, OperatingPoint at, IReadOnlyList<AoiLabelStats> perLabel, ThresholdSelection? selection)
    {
        static KeyValuePair<string, PyJsonValue> M(string k, PyJsonValue v) => new(k, v);
        var labels = perLabel.Select(l => M(l.Group, new PyJsonObject(
        [
            M("total", PyJsonNumber.Of(l.Total)),
            M("mean_weakness", PyJsonNumber.Of(l.MeanWeakness)),
            M("median_weakness", PyJsonNumber.Of(l.MedianWeakness)),
            M("max_weakness", PyJsonNumber.Of(l.MaxWeakness)),
            M("n_misclassified", PyJsonNumber.Of(l.Misclassified)),
        ])));
        var root = new PyJsonObject(
        [
            M("threshold", PyJsonNumber.Of(threshold)),
            M("min_recall", PyJsonNumber.Of(minRecall)),
            M("precision", PyJsonNumber.Of(at.Precision)),
            M("recall", PyJsonNumber.Of(at.Recall)),
            M("f1", PyJsonNumber.Of(at.F1)),
            M("confusion_matrix", new PyJsonObject(
            [
                M("tp", PyJsonNumber.Of(at.Counts.Tp)),
                M("fp", PyJsonNumber.Of(at.Counts.Fp)),
                M("tn", PyJsonNumber.Of(at.Counts.Tn)),
                M("fn", PyJsonNumber.Of(at.Counts.Fn)),
            ])),
            M("per_label", new PyJsonObject([.. labels])),
            M("candidates_evaluated", PyJsonNumber.Of((long)(selection?.CandidateCount ?? 0))),
            M("candidates_feasible", PyJsonNumber.Of((long)(selection?.FeasibleCount ?? 0))),
        ]);
        return PyJsonFormatter.FormatIndented(root);
    }
}
