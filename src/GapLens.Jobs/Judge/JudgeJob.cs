using System.Globalization;
using GapLens.Core;
using GapLens.Endpoints;
using GapLens.IO.Files;
using GapLens.IO.Json;
using GapLens.Judging.Judges;
using GapLens.Judging.Runs;

namespace GapLens.Jobs.Judge;

/// <summary>
/// <c>gaplens judge</c>: builds the judge (the offline pixel judge or an OpenAI-compatible VLM),
/// scores every item of a VMEvalKit outputs folder into per-item score files (resumable) and records
/// the run in <c>&lt;evaluations&gt;/&lt;evaluator&gt;/_runs/</c>: once when it starts, again when it ends,
/// when the evaluator folder also gets its front page (index.html, <see cref="RunIndex.RenderFolder"/>).
/// A run in which every attempted item failed is a failed gate, never a pass.
/// </summary>
public sealed class JudgeJob : IJob<JudgeOptions>
{
    public string Name => "judge";

    public async Task<JobOutcome> RunAsync(JudgeOptions options, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        options.Validate();
        string outputsRoot = ctx.Absolute(options.Outputs);
        string evalRoot = ctx.Absolute(options.Evaluations);
        string? guidance = options.GuidanceFile is { } g ? ctx.Absolute(g) : null;
        if (guidance is not null && !File.Exists(guidance)) throw new UserInputException($"--guidance: file not found: {guidance}");
        ctx.Record.AddInput(outputsRoot, "outputs");
        if (guidance is not null) ctx.Record.AddInput(guidance, "guidance");
        IJudge judge = options.Judge == "pixel"
            ? new PixelJudge(options.Evaluator)
            : await OpenAiJudge.CreateAsync(new OpenAiJudgeOptions(
                new EndpointOptions(options.BaseUrl!)
                {
                    Model = options.Model,
                    ApiKeyEnv = options.ApiKeyEnv,
                    AttemptTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
                    TotalTimeout = options.TotalTimeoutSeconds is { } t ? TimeSpan.FromSeconds(t) : null,
                    MaxRetries = options.Retries,
                    MaxWait = TimeSpan.FromSeconds(options.MaxWaitSeconds),
                    MaxReplyBytes = options.MaxReplyBytes,
                },
                guidance, options.NoCache ? null : Path.Combine(evalRoot, "_cache"), options.Evaluator), ctx.Log, ct).ConfigureAwait(false);
        using var disposeJudge = judge as IDisposable;
        ctx.Record.SetJudge(judge.Identity);
        ctx.Log.Info($"Evaluator folder: {Path.Combine(evalRoot, judge.EvaluatorDir)} ({JudgeIdentity.Describe(judge.Identity)})");

        string runFile = Path.Combine(evalRoot, judge.EvaluatorDir, RunsFolder, ctx.Record.StartedUtc.ToString("yyyy-MM-dd_HHmmss_fff", CultureInfo.InvariantCulture) + ".json");
        ctx.Progress?.Begin("Judging", "items");
        bool started = false;
        JudgeRunSummary summary;
        try
        {
            summary = await JudgeRunner.RunAsync(judge, new JudgeRunOptions(outputsRoot, evalRoot, options.Concurrency, options.VoteFrames, options.VoteSeconds, Rejudge: options.Rejudge), ctx.Log,
                (done, total, failed, skipped) =>
                {
                    ctx.Progress?.Detail(string.Create(CultureInfo.InvariantCulture, $"{failed} failed, {skipped} skipped"));
                    ctx.Progress?.Report(done, total);
                },
                started: () =>
                {
                    // After the scope checks (nothing is created for a folder given at the wrong level).
                    OutputFolder.Create(Path.Combine(evalRoot, judge.EvaluatorDir), "--evaluations");
                    AtomicFile.Write(runFile, RunManifestJson.Serialize(ctx.Record.ToManifest([], [], null)));
                    started = true;
                },
                ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested && started)
        {
            // The run record written at the start said "still going": it now says how it ended. The
            // items finished before the signal keep their score files; the others have none.
            AtomicFile.Write(runFile, RunManifestJson.Serialize(ctx.Record.ToManifest([], [], ctx.Record.CancelledResult(null))));
            throw;
        }
        string line = $"{summary.Items} items: {summary.Scored} scored, {summary.AlreadyDone} already done, {summary.Skipped} skipped, {summary.Failed} failed";
        ctx.Log.Info(line);
        int attempted = summary.Scored + summary.Failed;
        var outcome = attempted > 0 && summary.Scored == 0
            ? JobOutcome.GateFailed($"every attempted item failed ({summary.Failed} of {summary.Items}); see the \"error\" of the score files under {Path.Combine(evalRoot, judge.EvaluatorDir)}", [runFile]) with { Headline = line }
            : JobOutcome.Ok([runFile], line);
        var inputs = await ctx.Record.InputsAsync(ct).ConfigureAwait(false);
        var manifest = ctx.Record.ToManifest(inputs, [], RunRecord.ResultOf(outcome));
        AtomicFile.Write(runFile, RunManifestJson.Serialize(manifest));
        // The evaluator folder's front page, like every run folder's: what is there now, this run's facts.
        string evaluatorDir = Path.Combine(evalRoot, judge.EvaluatorDir);
        AtomicFile.WriteText(Path.Combine(evaluatorDir, OutputSet.IndexName),
            RunIndex.RenderFolder(manifest, evaluatorDir, RunsFolder + "/" + Path.GetFileName(runFile), Describe, []));
        ctx.Log.Info($"Front page: {Path.Combine(evaluatorDir, OutputSet.IndexName)}");
        return outcome;
    }

    private const string RunsFolder = "_runs";

    /// <summary>One line on what each folder of an evaluator folder holds (its front page).</summary>
    private static string? Describe(string relative) => relative switch
    {
        RunsFolder + "/" => "Run records: one JSON per judge run on this folder (options, judge identity, inputs with fingerprints, outcome).",
        _ when relative.EndsWith('/') => $"Score files of {relative} (model / task / item): one JSON per judged item with its score, the judge's explanation and identity; a rerun resumes from them.",
        _ => null,
    };
}
