using GapLens.Core.Config;
using GapLens.IO.Files;
using GapLens.IO.Json;
using GapLens.Reporting.Csv;
using GapLens.Reporting.Figures;
using GapLens.Reporting.Html;
using GapLens.Reporting.Markdown;

namespace GapLens.Jobs.VlmBcq;

/// <summary>
/// <c>gap_analysis vlm_bcq</c>: binary yes/no VLM predictions -> FP/FN cases (spec 01). One streaming
/// pass over the predictions; skip warnings are held back until the whole file has validated (as the
/// original validates everything before processing); outputs are written only when gaps exist, all
/// staged and then committed together with the run manifest written last.
/// </summary>
public sealed class VlmBcqJob : IJob<BcqOptions>
{
    /// <summary>Every file this job may write into results_dir (a rerun removes the ones it does not write again).</summary>
    public static readonly IReadOnlyList<string> Outputs =
        [BcqArtifacts.JsonlName, BcqArtifacts.ReportName, BcqArtifacts.SummaryName, ReportHtmlName, ReportMarkdownName, ReportJsonName, PerQuestionCsvName, BcqExamples.ImagesDir + "/"];

    public const string ReportHtmlName = "report.html";
    public const string ReportMarkdownName = "report.md";
    public const string ReportJsonName = "report.json";
    public const string PerQuestionCsvName = "per_question.csv";

    /// <summary>FP and FN examples shown in the report, per type.</summary>
    public const int ExamplesPerType = 12;

    public string Name => "vlm_bcq";

    public async Task<JobOutcome> RunAsync(BcqOptions options, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        BoundedValue.CheckAll(options.Numbers());
        var log = ctx.Log;
        var phases = new PhaseClock(log, "vlm_bcq");
        string? videosDir = options.VideosDir is null ? null : PyPath.Resolve(options.VideosDir, ctx.WorkingDirectory);
        if (videosDir is not null) log.Info($"Video directory: {videosDir}");
        else log.Info("videos_dir is empty; assuming video_id in predictions_json are absolute paths.");

        string predictionsPath = ctx.Absolute(options.PredictionsJson);
        log.Info($"Loading predictions from {options.PredictionsJson}...");
        // A pipe or /dev/stdin is copied in one pass first: the file is read more than once.
        using var input = RereadableInput.Open(predictionsPath, "predictions_json", ct);
        ctx.Progress?.Begin("Reading predictions", "MB");
        // The run record's input fingerprint is computed beside the parse.
        ctx.Record.AddInput(predictionsPath, "predictions_json", input.Path);
        // Video paths are resolved as cases are found (both readers share one thread-safe resolver).
        var paths = new PyPathResolver(ctx.WorkingDirectory);
        Func<string, string> resolveVideo = videosDir is null ? paths.Resolve : id => paths.ResolveUnder(videosDir, id);
        BcqScan.Result scan;
        try
        {
            scan = input.Read(path => BcqScan.Run(path, ctx.Progress, resolveVideo, BcqScan.MinSplitBytes, ct));
        }
        catch
        {
            ctx.Record.CancelPendingWork();
            throw;
        }
        using var scanned = scan;
        ctx.Progress?.Report(scan.Length, scan.Length);
        var summary = scan.Miner.Finish();
        phases.Lap($"read and classified {summary.Overall.Samples} predictions ({Memory()})");
        log.Info("Extracting KPI Gaps...");
        foreach (var part in scan.Warnings) part.Replay(log);
        phases.Lap($"replayed {summary.Overall.SkippedTotal} skip warnings");
        string headline = $"{summary.FalsePositives} FP and {summary.FalseNegatives} FN among {summary.Overall.Samples} predictions ({summary.Overall.SkippedTotal} skipped: no single clear yes/no)";
        string resultsDir = ctx.Absolute(options.ResultsDir);
        if (summary.Overall.Confusion.Total == 0)
        {
            // Nothing classified is not "no gaps": a failed gate, with the summary (skips by reason)
            // and the run record written so the user can see why. No TAO file: an empty
            // kpi_gaps.jsonl would read as "no gaps" downstream.
            using var summaryOnly = OutputSet.Open(resultsDir, "results_dir", Outputs, ctx.Record.InputPaths);
            summaryOnly.StageBytes(BcqArtifacts.SummaryName, GapLensJson.Serialize(BcqArtifacts.Summary(summary)));
            string summaryPath = summaryOnly.PathOf(BcqArtifacts.SummaryName);
            var failed = JobOutcome.GateFailed(BcqArtifacts.NothingClassified(summary.Overall, summaryPath), [summaryPath]) with { Headline = headline };
            await ctx.Record.CommitAsync(summaryOnly, failed, ct).ConfigureAwait(false);
            return failed;
        }
        if (summary.Gaps == 0)
        {
            log.Info("No KPI Gaps found!");
            var none = JobOutcome.Ok([], headline);
            // TAO writes nothing here; a previous run's set in the folder must not stay behind looking current.
            OutputSet.Retract(resultsDir, Outputs, ctx.Record.InputPaths);
            log.Info("Run record: " + await ctx.Record.ToLogLineAsync(none, ct).ConfigureAwait(false));
            return none;
        }

        if (videosDir is not null) log.Info($"Converting video_id paths to absolute paths using base: {videosDir}");
        else log.Info("Using video_id from predictions as absolute paths.");
        ct.ThrowIfCancellationRequested();

        using var outputs = OutputSet.Open(resultsDir, "results_dir", Outputs, ctx.Record.InputPaths);
        log.Info($"Saving {summary.Gaps} cases to {Path.Combine(options.ResultsDir, BcqArtifacts.JsonlName)}...");
        outputs.Stage(BcqArtifacts.JsonlName, stream =>
        {
            foreach (var part in scan.Cases) part.CopyTo(stream);
        });
        phases.Lap("kpi_gaps.jsonl");
        outputs.StageText(BcqArtifacts.ReportName, BcqArtifacts.Report(summary.FalsePositives, summary.FalseNegatives));
        outputs.StageBytes(BcqArtifacts.SummaryName, GapLensJson.Serialize(BcqArtifacts.Summary(summary)));
        // GapLens' report beside TAO's files (which stay byte-identical): rates with intervals, examples, skips.
        ulong seed = GapLens.Core.AnalysisDefaults.Seed;
        ctx.Record.Seed = seed;
        var (examples, images) = await BcqExamples.PickAsync(scan.Cases, ExamplesPerType, outputs, ct).ConfigureAwait(false);
        phases.Lap("examples");
        var perQuestion = BcqReportBuilder.PerQuestion(summary, seed);
        var report = BcqReportBuilder.Build(summary, perQuestion, examples, options.PredictionsJson, seed);
        phases.Lap("report model");
        // The renderings are independent (and mostly one-time start-up work: JSON metadata, JIT): two cores.
        var json = Task.Run(() => ReportJson.Serialize(report), ct);
        var markdown = Task.Run(() => MarkdownReportRenderer.Render(report, id => id + ".png"), ct);
        outputs.StageText(ReportHtmlName, HtmlReportRenderer.Render(report, new Dictionary<string, RenderedFigure>(), images));
        outputs.StageText(PerQuestionCsvName, CsvTableRenderer.Render(perQuestion));
        outputs.StageText(ReportMarkdownName, await markdown.ConfigureAwait(false));
        outputs.StageBytes(ReportJsonName, await json.ConfigureAwait(false));
        phases.Lap("report files");
        var outcome = JobOutcome.Ok([.. new[] { OutputSet.IndexName, ReportHtmlName, BcqArtifacts.JsonlName, BcqArtifacts.ReportName, BcqArtifacts.SummaryName }.Select(outputs.PathOf)], headline);
        await ctx.Record.CommitAsync(outputs, outcome, ct).ConfigureAwait(false);
        phases.Lap($"commit ({Memory()})");

        log.Info($"Summary: total={summary.Gaps}, FP={summary.FalsePositives}, FN={summary.FalseNegatives}");
        log.Info($"Results saved to {Path.Combine(options.ResultsDir, BcqArtifacts.JsonlName)}");
        log.Info($"Report saved to {Path.Combine(options.ResultsDir, BcqArtifacts.ReportName)}");
        log.Info($"Summary with confusion matrix and per-question metrics saved to {Path.Combine(options.ResultsDir, BcqArtifacts.SummaryName)}");
        log.Info($"Report (per-question rates with intervals, FP/FN examples) saved to {Path.Combine(options.ResultsDir, ReportHtmlName)}");
        return outcome;
    }

    private static string Memory() => System.FormattableString.Invariant(
        $"working set {Environment.WorkingSet / 1e6:F0} MB, managed heap {GC.GetTotalMemory(false) / 1e6:F0} MB, allocated {GC.GetTotalAllocatedBytes() / 1e6:F0} MB, GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
}
