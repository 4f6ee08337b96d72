using GapLens.Core;
using GapLens.Core.Mining.Bcq;
using GapLens.IO.Files;
using GapLens.IO.Json;
using GapLens.IO.Logging;

namespace GapLens.GapAnalysis.VlmBcq;

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
        string? videosDir = options.VideosDir is null ? null : PyPath.Resolve(options.VideosDir, ctx.WorkingDirectory);
        if (videosDir is not null) log.Info($"Video directory: {videosDir}");
        else log.Info("videos_dir is empty; assuming video_id in predictions_json are absolute paths.");

        string predictionsPath = ctx.Absolute(options.PredictionsJson);
        log.Info($"Loading predictions from {options.PredictionsJson}...");
        using var reader = new PredictionsJsonReader(predictionsPath);
        using var warnings = new DeferredLog();
        var miner = new BcqGapMiner();
        long n = 0;
        foreach (var prediction in reader.ReadAll())
        {
            if (miner.Add(prediction) is { } skip) warnings.Add(LogLevel.Warning, skip.Message);
            if ((++n & 0x3FFF) == 0)
            {
                ctx.Cancellation.ThrowIfCancellationRequested();
                ctx.Progress?.Invoke(reader.Position, reader.Length);
            }
        }
        ctx.Progress?.Invoke(reader.Length, reader.Length);

        log.Info("Extracting KPI Gaps...");
        warnings.Replay(log);
        var summary = miner.Finish();
        string headline = $"{summary.FalsePositives} FP and {summary.FalseNegatives} FN among {summary.Overall.Samples} predictions ({summary.Overall.SkippedTotal} skipped: no single clear yes/no)";
        if (summary.Cases.IsEmpty)
        {
            log.Info("No KPI Gaps found!");
            return JobOutcome.Ok([], headline);
        }

        if (videosDir is not null) log.Info($"Converting video_id paths to absolute paths using base: {videosDir}");
        else log.Info("Using video_id from predictions as absolute paths.");

        string resultsDir = ctx.Absolute(options.ResultsDir);
        CreateResultsDir(resultsDir);
        string jsonlPath = Path.Combine(resultsDir, BcqArtifacts.JsonlName);
        string reportPath = Path.Combine(resultsDir, BcqArtifacts.ReportName);
        string summaryPath = Path.Combine(resultsDir, BcqArtifacts.SummaryName);
        log.Info($"Saving {summary.Cases.Length} cases to {Path.Combine(options.ResultsDir, BcqArtifacts.JsonlName)}...");

        var run = new BcqRunInfo(ToolInfo.Version, started, options.Describe(), predictionsPath, reader.Length, reader.Sha256 ?? "");
        using (var staged = new StagedFiles())
        {
            staged.StageText(jsonlPath, w =>
            {
                foreach (var c in summary.Cases)
                {
                    string video = videosDir is null
                        ? PyPath.Resolve(c.VideoId, ctx.WorkingDirectory)
                        : PyPath.ResolveUnder(videosDir, c.VideoId, ctx.WorkingDirectory);
                    w.Write(BcqArtifacts.JsonlLine(c, video));
                    w.Write('\n');
                }
            });
            staged.StageText(reportPath, BcqArtifacts.Report(summary.FalsePositives, summary.FalseNegatives));
            staged.Stage(summaryPath, s => BcqArtifacts.WriteSummary(s, summary, run));
            staged.Commit();
        }

        log.Info($"Summary: total={summary.Cases.Length}, FP={summary.FalsePositives}, FN={summary.FalseNegatives}");
        log.Info($"Results saved to {Path.Combine(options.ResultsDir, BcqArtifacts.JsonlName)}");
        log.Info($"Report saved to {Path.Combine(options.ResultsDir, BcqArtifacts.ReportName)}");
        log.Info($"Summary with confusion matrix and per-question metrics saved to {Path.Combine(options.ResultsDir, BcqArtifacts.SummaryName)}");
        return JobOutcome.Ok([jsonlPath, reportPath, summaryPath], headline);
    }

    private static void CreateResultsDir(string dir)
    {
        if (File.Exists(dir)) throw new UserInputException($"results_dir {dir} exists and is a file; expected a folder (it is created when missing).");
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot create results_dir {dir}: {ex.Message}");
        }
    }
}
