using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core;
using GapLens.Core.VideoQa;
using GapLens.Endpoints;
using GapLens.IO.Embeddings;
using GapLens.IO.Files;
using GapLens.IO.Json;
using GapLens.IO.VideoQa;
using GapLens.Video.Agent;
using GapLens.Video.Encoders;

namespace GapLens.Jobs.VideoQa;

/// <summary>
/// <c>gaplens videoqa run</c>: the agentic long-video QA evaluation of spec 03. Reads the questions,
/// lists the problems found in them before anything runs (left out, or fatal with --strict), connects
/// to the model endpoint and the text encoder, checks the encoder against the frame embeddings, then
/// runs the agent over every question without a result yet (<see cref="VideoQaRunner"/>: results and
/// errors appended per question, resumable, SIGKILL-safe) and finally writes the report
/// (<see cref="VideoQaMetricsJob"/> into &lt;out&gt;/report/). The run is recorded in &lt;out&gt;/_runs/ when it
/// starts and when it ends. A run in which every attempted question failed is a failed gate; an
/// endpoint that refuses the key or cannot be reached stops the run (exit 2).
/// </summary>
public sealed class RunVideoQaJob : IJob<RunVideoQaOptions>
{
    public const int MaxProblemsLogged = 20;

    public string Name => "videoqa run";

    public async Task<JobOutcome> RunAsync(RunVideoQaOptions options, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        options.Validate();
        string data = ctx.Absolute(options.Data);
        string frames = ctx.Absolute(options.Frames);
        string embeddings = ctx.Absolute(options.Embeddings);
        string outDir = ctx.Absolute(options.OutDir);
        if (!Directory.Exists(frames)) throw new UserInputException($"--frames: folder not found: {frames} (expected <frames>/<key>/frame_<N>.jpg, e.g. videoqa prepare's frames/)");
        if (!Directory.Exists(embeddings)) throw new UserInputException($"--embeddings: folder not found: {embeddings} (expected <embeddings>/<key>.safetensors, e.g. videoqa prepare's embeddings/)");
        string? textModel = options.TextModel is { } tm ? ctx.Absolute(tm) : null;
        string? tokenizer = options.Tokenizer is { } tk ? ctx.Absolute(tk) : null;

        var qa = VideoQaDataFile.Read(data);
        if (qa.Items.IsEmpty && qa.Problems.IsEmpty) throw new UserInputException($"--data {data}: holds no question");
        var items = CheckVideos(qa, frames, embeddings, out var problems);
        Report(problems, data, options.Strict, ctx);
        if (items.Count == 0) throw new UserInputException($"--data {data}: no question can run ({problems.Count} problem(s) listed above)");
        ctx.Record.AddInput(data, "data");
        ctx.Record.AddInput(frames, "frames");
        ctx.Record.AddInput(embeddings, "embeddings");
        if (textModel is not null) ctx.Record.AddInput(textModel, "text_model");

        using var endpoint = await ModelEndpoint.ConnectAsync(options.Endpoint(), ctx.Log, ct).ConfigureAwait(false);
        using var embeddingsEndpoint = options.EmbeddingsEndpoint() is { } eo ? await ModelEndpoint.ConnectAsync(eo, ctx.Log, ct).ConfigureAwait(false) : null;
        using var onnxText = textModel is not null
            ? OnnxTextEncoder.Create(textModel, tokenizer!, options.TextPadding == "longest" ? TextPadding.Longest : TextPadding.MaxLength, new OnnxEncoderOptions(IntraOpThreads: options.Threads))
            : null;
        ITextEncoder text = onnxText ?? (ITextEncoder)new GeneratorTextEncoder(embeddingsEndpoint!.CreateEmbeddingGenerator(options.EmbeddingsModel));
        await CheckEncoderAsync(text, embeddings, items.Select(i => i.Key).Distinct(StringComparer.Ordinal), ct).ConfigureAwait(false);

        var agentOptions = new AgentOptions(options.MaxRounds, options.TopK, AgentOptions.DefaultMaxIdsPerCall, options.ImageMaxSide, options.JpegQuality, options.FrameLabels);
        var identity = VideoQaRunner.Identity(endpoint.ModelId, endpoint.BaseUrl, agentOptions, text.Identity);
        string agentHash = VideoQaRunner.IdentityHash(identity);
        ctx.Record.SetJudge(identity.Add("setup_sha256", agentHash));
        string runId = ctx.Record.StartedUtc.ToString("yyyy-MM-dd_HHmmss_fff", CultureInfo.InvariantCulture);
        string runFile = Path.Combine(outDir, "_runs", runId + ".json");
        OutputFolder.Create(outDir, "--out");
        AtomicFile.Write(runFile, RunManifestJson.Serialize(ctx.Record.ToManifest([], [], null)));
        ctx.Log.Info($"{items.Count} questions on {items.Select(i => i.Key).Distinct(StringComparer.Ordinal).Count()} videos with {endpoint.ModelId} at {endpoint.BaseUrl} (concurrency {options.Concurrency}, at most {options.MaxRounds} rounds)");

        var agent = new VideoQaAgent(endpoint.CreateChatClient(), text, agentOptions, endpoint.ModelId);
        ctx.Progress?.Begin("Answering", "questions");
        int? earlier = null;
        var summary = await VideoQaRunner.RunAsync(items, agent, endpoint.ModelId, agentHash,
            new VideoQaRunOptions(frames, embeddings, outDir, options.Concurrency, options.Fps, runId, options.ToleranceSeconds),
            endpoint.Failures, ctx.Log, p =>
            {
                // The first report (before any question runs) gives what earlier runs did: the bar and its
                // ETA count this run's work only, or a resumed run would promise to end far too soon.
                int done = earlier ??= p.Done;
                string acc = p.Accuracy is { } a ? string.Create(CultureInfo.InvariantCulture, $"accuracy {a * 100:F1}% of {p.Answered} answered") : "no answer yet";
                string before = done > 0 ? string.Create(CultureInfo.InvariantCulture, $", {done} done by earlier runs") : "";
                ctx.Progress?.Detail(string.Create(CultureInfo.InvariantCulture, $"{p.Failed} failed, {acc}{before}"));
                ctx.Progress?.Report(p.Done - done, p.Total - done);
            }, ct).ConfigureAwait(false);

        string resultsPath = Path.Combine(outDir, VideoQaResultsFile.ResultsName);
        string line = string.Create(CultureInfo.InvariantCulture,
            $"{summary.Items} questions: {summary.Completed} answered now, {summary.AlreadyDone} by earlier runs, {summary.Failed} failed{(summary.Failed > 0 ? " (in errors.jsonl; rerun to retry them)" : "")}");
        ctx.Log.Info(line);
        if (summary.Stopped)
        {
            var stopped = JobOutcome.GateFailed(summary.StopReason!, [resultsPath]) with { Headline = line };
            await WriteRunFileAsync(runFile, ctx, stopped, ct).ConfigureAwait(false);
            throw new UserInputException(summary.StopReason!);
        }
        var artifacts = new List<string> { resultsPath };
        string? headline = line;
        ImmutableArray<string> printed = [];
        if (!options.NoReport)
        {
            var report = await ctx.RunSubJobAsync(new VideoQaMetricsJob(), "videoqa metrics",
                new VideoQaMetricsOptions(outDir, Path.Combine(outDir, VideoQaMetricsJob.ReportDirName), ToleranceSeconds: options.ToleranceSeconds), ct).ConfigureAwait(false);
            artifacts.AddRange(report.Artifacts);
            headline = report.Headline ?? line;
            printed = report.Summary;
        }
        int attempted = summary.Completed + summary.Failed;
        var outcome = (attempted > 0 && summary.Completed == 0
            ? JobOutcome.GateFailed($"every attempted question failed ({summary.Failed} of {summary.Items}); see {Path.Combine(outDir, VideoQaResultsFile.ErrorsName)}", artifacts) with { Headline = headline }
            : JobOutcome.Ok(artifacts, headline)) with { Summary = printed };
        await WriteRunFileAsync(runFile, ctx, outcome, ct).ConfigureAwait(false);
        return outcome;
    }

    private static async Task WriteRunFileAsync(string runFile, JobContext ctx, JobOutcome outcome, CancellationToken ct)
    {
        var inputs = await ctx.Record.InputsAsync(ct).ConfigureAwait(false);
        AtomicFile.Write(runFile, RunManifestJson.Serialize(ctx.Record.ToManifest(inputs, [], RunRecord.ResultOf(outcome))));
    }

    /// <summary>The questions whose video has a frames folder and an embeddings file; the others become problems.</summary>
    internal static List<QaItem> CheckVideos(VideoQaData qa, string frames, string embeddings, out List<QaItemProblem> problems)
    {
        problems = [.. qa.Problems];
        var missing = new Dictionary<string, string?>(StringComparer.Ordinal);
        var items = new List<QaItem>();
        foreach (var item in qa.Items)
        {
            if (!missing.TryGetValue(item.Key, out string? why))
            {
                string dir = Path.Combine(frames, item.Key);
                why = !Directory.Exists(dir) ? $"no frames folder {dir}"
                    : FrameEmbeddingFiles.Find(embeddings, item.Key) is null ? $"no embeddings file {Path.Combine(embeddings, item.Key)}.safetensors (or .pt, .npy)"
                    : Unreadable(embeddings, item.Key);
                missing[item.Key] = why;
            }
            if (why is null) items.Add(item);
            else problems.Add(new QaItemProblem(item.Uid, item.Key, item.Source, why + " (run videoqa prepare for this video)", true));
        }
        return items;
    }

    /// <summary>Why a video's embeddings file cannot be used (its header, shape and names are checked when
    /// it is opened; the values are mapped, not read), or null.</summary>
    private static string? Unreadable(string embeddings, string key)
    {
        try
        {
            using var e = FrameEmbeddingFiles.OpenForKey(embeddings, key);
            return null;
        }
        catch (UserInputException ex)
        {
            return ex.Message;
        }
    }

        private static void Report(List<QaItemProblem> problems, string data, bool strict, JobContext ctx)
    {
        var skipping = problems.Where(p => p.Skips).ToList();
        if (strict && skipping.Count > 0)
        {
            foreach (var p in skipping.Take(MaxProblemsLogged)) ctx.Log.Error(p.ToString());
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"--strict: {skipping.Count} question(s) of {data} cannot run; first: {skipping[0]}"));
        }
        foreach (var p in problems.Take(MaxProblemsLogged)) ctx.Log.Warning((p.Skips ? "left out: " : "") + p);
        if (problems.Count > MaxProblemsLogged) ctx.Log.Warning($"... and {problems.Count - MaxProblemsLogged} more problem(s) in {data}");
        if (skipping.Count > 0) ctx.Log.Warning($"{skipping.Count} question(s) left out (--strict stops instead)");
    }

    /// <summary>A query's embedding must have the frame embeddings' dimension (a text tower that is not the
    /// image tower's pair cannot rank frames): checked once before the run on the first video whose
    /// embeddings can be opened (a broken file fails only its own questions, in the run).</summary>
    private static async Task CheckEncoderAsync(ITextEncoder text, string embeddingsRoot, IEnumerable<string> keys, CancellationToken ct)
    {
        float[] probe;
        try
        {
            probe = (await text.EncodeAsync(["a frame of the video"], ct).ConfigureAwait(false))[0];
        }
        catch (EndpointException ex)
        {
            // The first call to an embeddings endpoint (--embeddings-url) failed, after its retries:
            // nothing has run yet, so the run stops with the endpoint's one-line reason (exit 2), not
            // an internal error (found by the fresh-eye attack).
            throw new UserInputException($"{ex.Message} (checking the text encoder before the run; no question was asked)", ex);
        }
        foreach (string key in keys)
        {
            FrameEmbeddings e;
            try
            {
                e = FrameEmbeddingFiles.OpenForKey(embeddingsRoot, key);
            }
            catch (UserInputException)
            {
                continue;
            }
            using (e)
            {
                if (probe.Length != e.Dimension)
                {
                    throw new UserInputException($"the text encoder gives {probe.Length}-dimensional embeddings but {e.Path} has {e.Dimension}: the text encoder does not match the frame embeddings (use the text tower of the image model that made them)");
                }
            }
            return;
        }
    }
}
