using System.Globalization;
using GapLens.Core;
using GapLens.IO.Files;
using GapLens.IO.Json;
using GapLens.IO.Tables;
using GapLens.Reporting.Csv;
using GapLens.Reporting.Figures;
using GapLens.Reporting.Html;
using GapLens.Reporting.Markdown;
using GapLens.Slices;

namespace GapLens.Jobs.Slices;

/// <summary>
/// <c>gaplens slices</c>: reads per-sample results (any GapLens samples.jsonl, a video-QA results.jsonl,
/// or a CSV / TSV / JSONL / Parquet table with an outcome column), finds every slice worse (or better)
/// than the rest beyond noise (<see cref="SliceFinder"/>) and writes slices.csv, slices.json and the report
/// (report.html, report.md, report.json, figures/), all or nothing with the run record. Bad input is a
/// user error; a run where no slice could be tested is one too (never a pass).
/// </summary>
public sealed class SlicesJob : IJob<SlicesOptions>
{
    public const string DirName = "slices";
    public const string CsvName = "slices.csv";
    public const string DocumentName = "slices.json";
    public const string HtmlName = "report.html";
    public const string MarkdownName = "report.md";
    public const string JsonName = "report.json";

    public static readonly IReadOnlyList<string> Outputs = [CsvName, DocumentName, HtmlName, MarkdownName, JsonName, "figures/"];

    public string Name => "slices";

    public async Task<JobOutcome> RunAsync(SlicesOptions options, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        Core.Config.BoundedValue.CheckAll(options.Numbers());
        var clock = new PhaseClock(ctx.Log, "slices");
        var input = SlicesInput.Locate(ctx.Absolute(options.Results));
        ctx.Record.AddInput(input.Path, "results");
        if (input.RunDir is { } run) ctx.Record.AddInput(Path.Combine(run, OutputSet.ManifestName), "run_record");
        string outDir = options.OutDir is { } o ? ctx.Absolute(o) : Path.Combine(input.RunDir ?? Path.GetDirectoryName(input.Path)!, DirName);
        var table = await ReadAsync(input, options, ctx, ct).ConfigureAwait(false);
        if (input.IsPreset && Enumerable.Range(0, table.RowCount).All(i => table.OutcomeAt(i) == 0))
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"--results {input.RunDir}: all {table.RowCount:#,0} samples of this {input.Kind} run are correct ({(input.Kind == SlicesInput.VcnAoiKind ? "no false reject or escape at its threshold" : "no false positive or negative")}), so no slice can fail more often than the rest"));
        }
        clock.Lap(string.Create(CultureInfo.InvariantCulture, $"read {Path.GetFileName(input.Path)} ({table.RowCount:#,0} samples, {table.Features.Length} features)"));
        var analysis = Analyze(table, input.Path, options, ct);
        clock.Lap(string.Create(CultureInfo.InvariantCulture, $"search ({analysis.Tested:#,0} slices tested)"));
        var report = SlicesReportBuilder.Build(analysis, input.Path, RunRecord.Tool.Version);
        var figures = FigureRenderer.RenderAll(report).ToDictionary(f => f.Id, StringComparer.Ordinal);
        ct.ThrowIfCancellationRequested();
        string html = Path.Combine(outDir, HtmlName);
        var outcome = JobOutcome.Ok([Path.Combine(outDir, CsvName), Path.Combine(outDir, DocumentName), html, Path.Combine(outDir, MarkdownName), Path.Combine(outDir, JsonName)], report.Verdict?.Headline);
        using (var outputs = OutputSet.Open(outDir, "--out", Outputs, ctx.Record.InputPaths))
        {
            foreach (var fig in figures.Values)
            {
                outputs.StageBytes($"figures/{fig.Id}.png", fig.Png);
                outputs.StageText($"figures/{fig.Id}.svg", fig.Svg);
            }
            outputs.StageText(CsvName, CsvTableRenderer.Render(SlicesReportBuilder.SlicesTable(analysis)));
            outputs.StageBytes(DocumentName, GapLensJson.Serialize(SlicesDocumentBuilder.Build(analysis, table)));
            outputs.StageText(HtmlName, HtmlReportRenderer.Render(report, figures, new Dictionary<string, byte[]>()));
            outputs.StageText(MarkdownName, MarkdownReportRenderer.Render(report, id => $"figures/{id}.png"));
            outputs.StageBytes(JsonName, ReportJson.Serialize(report));
            await ctx.Record.CommitAsync(outputs, outcome, ct).ConfigureAwait(false);
        }
        ctx.Log.Info(report.Verdict?.Headline ?? "report written");
        ctx.Log.Info($"Report: {html}");
        return outcome with { Summary = [$"Report: {html}"] };
    }

    /// <summary>Reads the input into a feature table; no samples or no feature is a user error naming the file.</summary>
    public static async Task<FeatureTable> ReadAsync(SlicesInput input, SlicesOptions options, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        var builder = new FeatureTableBuilder(input.Path, input.TableOptions(options));
        DerivedOutcomeSink? derived = input.Kind switch
        {
            SlicesInput.VcnAoiKind => new AoiOutcomeSink(builder, input.Path, input.Threshold!.Value),
            SlicesInput.VlmBcqKind => new BcqOutcomeSink(builder, input.Path),
            _ => null,
        };
        if (input.IsPreset) ctx.Log.Info($"{input.Kind} run {input.RunDir}: every sample read again from {input.Path}{(input.Threshold is { } t ? string.Create(CultureInfo.InvariantCulture, $" (threshold {t:R})") : "")}");
        var skipped = await TableFile.ReadAsync(input.Path, (ITableSink?)derived ?? builder, null, ct).ConfigureAwait(false);
        derived?.CheckColumns();
        foreach (string s in skipped) ctx.Log.Warning($"{input.Path}: {s}");
        var table = builder.Finish();
        if (table.RowCount == 0)
        {
            long excluded = table.OutcomeValues.Sum(v => v.Rows);
            throw new UserInputException(excluded == 0
                ? $"{input.Path}: no rows"
                : string.Create(CultureInfo.InvariantCulture, $"{input.Path}: no sample with an outcome ({excluded:#,0} rows, all skipped or without a value in column '{table.OutcomeColumn}')"));
        }
        if (table.Features.IsEmpty)
        {
            string dropped = table.Dropped.IsEmpty ? "none found" : string.Join("; ", table.Dropped.Take(5).Select(d => $"{d.Name}: {d.Reason}"));
            throw new UserInputException($"{input.Path}: no feature column to slice on ({dropped}); name them with --features");
        }
        foreach (var d in table.Dropped) ctx.Log.Info($"Not a feature: {d.Name} ({d.Reason})");
        return table;
    }

    /// <summary>Runs the search; a search that tested no slice is a user error saying why.</summary>
    public static SliceAnalysis Analyze(FeatureTable table, string source, SlicesOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        long failures = 0;
        for (int i = 0; i < table.RowCount; i++) failures += table.OutcomeAt(i) == 0 ? 0 : 1;
        if (failures == 0 || failures == table.RowCount)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: column '{table.OutcomeColumn}': {(failures == 0 ? "no sample failed" : "every sample failed")} ({table.RowCount:#,0} samples), so no slice can differ from the rest; check --failure-values / --success-values"));
        }
        var analysis = SliceFinder.Find(table, options.Search(), ct);
        if (analysis.Tested == 0)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: no slice could be tested: no value of any feature ({string.Join(", ", table.Features.Select(f => f.Name).Take(10))}) holds at least --min-support {analysis.MinSupport:#,0} and fewer than all {table.RowCount:#,0} samples; lower --min-support or add features"));
        }
        return analysis;
    }
}
