using GapLens.IO.Files;

namespace GapLens.Jobs.VlmBcq;

/// <summary>
/// <c>gap_analysis vlm_bcq</c>: binary yes/no VLM predictions -> FP/FN cases (spec 01). One streaming
/// pass over the predictions; skip warnings are held back until the whole file has validated (as the
/// original validates everything before processing); outputs are written only when gaps exist, all
/// staged and then committed together.
/// </summary>
public static class VlmBcqJob
{
    public static JobOutcome Run(BcqOptions options, JobContext ctx)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        var log = ctx.Log;
        var started = DateTimeOffset.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        string? videosDir = options.VideosDir is null ? null : PyPath.Resolve(options.VideosDir, ctx.WorkingDirectory);
        if (videosDir is not null) log.Info($"Video directory: {videosDir}");
        else log.Info("videos_dir is empty; assuming video_id in predictions_json are absolute paths.");

        string predictionsPath = ctx.Absolute(options.PredictionsJson);
        log.Info($"Loading predictions from {options.PredictionsJson}...");
        // The manifest's input fingerprint is computed beside the parse.
        using var hashCancel = CancellationTokenSource.CreateLinkedTokenSource(ctx.Cancellation);
        var fingerprint = Task.Run(() => FileHash.Xxh128Async(predictionsPath, hashCancel.Token), hashCancel.Token);
        // Video paths are resolved as cases are found (both readers share one thread-safe resolver).
        var paths = new PyPathResolver(ctx.WorkingDirectory);
        Func<string, string> resolveVideo = videosDir is null ? paths.Resolve : id => paths.ResolveUnder(videosDir, id);
        BcqScan.Result scan;
        try
        {
            scan = BcqScan.Run(predictionsPath, ctx, resolveVideo);
        }
        catch
        {
            hashCancel.Cancel();
            throw;
        }
        using var scanned = scan;
        ctx.Progress?.Invoke(scan.Length, scan.Length);
        var summary = scan.Miner.Finish();
        long n = summary.Overall.Samples;
        log.Debug($"Read and classified {n} predictions in {clock.Elapsed.TotalSeconds:F3} s ({Memory()})");
        log.Info("Extracting KPI Gaps...");
        foreach (var part in scan.Warnings) part.Replay(log);
        log.Debug($"Replayed {summary.Overall.SkippedTotal} skip warnings; {clock.Elapsed.TotalSeconds:F3} s so far");
        string headline = $"{summary.FalsePositives} FP and {summary.FalseNegatives} FN among {summary.Overall.Samples} predictions ({summary.Overall.SkippedTotal} skipped: no single clear yes/no)";
        if (summary.Gaps == 0)
        {
            hashCancel.Cancel();
            log.Info("No KPI Gaps found!");
            return JobOutcome.Ok([], headline);
        }

        if (videosDir is not null) log.Info($"Converting video_id paths to absolute paths using base: {videosDir}");
        else log.Info("Using video_id from predictions as absolute paths.");

        string resultsDir = ctx.Absolute(options.ResultsDir);
        OutputFolder.Create(resultsDir);
        string jsonlPath = Path.Combine(resultsDir, BcqArtifacts.JsonlName);
        string reportPath = Path.Combine(resultsDir, BcqArtifacts.ReportName);
        string summaryPath = Path.Combine(resultsDir, BcqArtifacts.SummaryName);
        log.Info($"Saving {summary.Gaps} cases to {Path.Combine(options.ResultsDir, BcqArtifacts.JsonlName)}...");

        var run = new BcqRunInfo(ToolInfo.Version, started, options.Describe(), predictionsPath, scan.Length, FileHash.Algorithm, fingerprint.GetAwaiter().GetResult());
        log.Debug($"Input fingerprint ready; {clock.Elapsed.TotalSeconds:F3} s so far");
        using (var staged = new StagedFiles())
        {
            staged.Stage(jsonlPath, stream =>
            {
                foreach (var part in scan.Cases) part.CopyTo(stream);
            });
            log.Debug($"Staged {BcqArtifacts.JsonlName}; {clock.Elapsed.TotalSeconds:F3} s so far");
            staged.StageText(reportPath, BcqArtifacts.Report(summary.FalsePositives, summary.FalseNegatives));
            staged.Stage(summaryPath, s => BcqArtifacts.WriteSummary(s, summary, run));
            staged.Commit();
        }
        log.Debug($"Wrote the artifacts; {clock.Elapsed.TotalSeconds:F3} s in all ({Memory()})");

        log.Info($"Summary: total={summary.Gaps}, FP={summary.FalsePositives}, FN={summary.FalseNegatives}");
        log.Info($"Results saved to {Path.Combine(options.ResultsDir, BcqArtifacts.JsonlName)}");
        log.Info($"Report saved to {Path.Combine(options.ResultsDir, BcqArtifacts.ReportName)}");
        log.Info($"Summary with confusion matrix and per-question metrics saved to {Path.Combine(options.ResultsDir, BcqArtifacts.SummaryName)}");
        return JobOutcome.Ok([jsonlPath, reportPath, summaryPath], headline);
    }

    private static string Memory() => System.FormattableString.Invariant(
        $"working set {Environment.WorkingSet / 1e6:F0} MB, managed heap {GC.GetTotalMemory(false) / 1e6:F0} MB, allocated {GC.GetTotalAllocatedBytes() / 1e6:F0} MB, GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
}
