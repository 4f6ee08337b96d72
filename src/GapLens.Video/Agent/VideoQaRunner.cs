using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GapLens.Core;
using GapLens.Core.Results;
using GapLens.Core.VideoQa;
using GapLens.Endpoints;
using GapLens.IO.Documents;
using GapLens.IO.Files;
using GapLens.IO.Logging;
using GapLens.IO.VideoQa;

namespace GapLens.Video.Agent;

/// <summary>
/// Runs the agent over the questions, <see cref="VideoQaRunOptions.Concurrency"/> at a time, into a
/// run folder:
/// <list type="bullet">
/// <item>each answered question is one line appended to results.jsonl and flushed to disk as it ends;
/// a question that fails (the endpoint after its retries, a malformed reply, an unreadable embeddings
/// file) is one line of errors.jsonl with its key, error and stack, and never a result;</item>
/// <item>a rerun resumes by uid: questions with a result are skipped, failed ones are asked again. A run
/// killed at any moment (SIGKILL included) loses at most the questions in flight and never writes a
/// question twice (a last line cut short by the kill is removed when the file is opened again);</item>
/// <item>one run at a time per folder (a lock file); results made by another agent setup (model,
/// prompt, rounds, top-k, image size, text encoder) are never mixed in: a user error;</item>
/// <item>when the endpoint cannot be used (401/403/404/unreachable) several times in a row the run
/// stops early and says why (<see cref="VideoQaRunSummary.Stopped"/>).</item>
/// </list>
/// </summary>
public static class VideoQaRunner
{
    public const string LockName = ".videoqa-run.lock";

    /// <summary>Everything that shapes an answer, recorded in the run record and hashed into every result.</summary>
    public static ImmutableSortedDictionary<string, string> Identity(string model, string baseUrl, AgentOptions agent, string textEncoder)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var ic = CultureInfo.InvariantCulture;
        return new Dictionary<string, string>
        {
            ["agent"] = "gaplens-videoqa",
            ["model"] = model,
            ["base_url"] = baseUrl,
            ["prompt_template"] = AgentPrompt.TemplateId,
            ["prompt_template_sha256"] = AgentPrompt.TemplateHash,
            ["temperature"] = "0",
            ["max_rounds"] = agent.MaxRounds.ToString(ic),
            ["top_k"] = agent.TopK.ToString(ic),
            ["max_ids_per_call"] = agent.MaxIdsPerCall.ToString(ic),
            ["image_max_side"] = agent.ImageMaxSide?.ToString(ic) ?? "original",
            ["jpeg_quality"] = agent.ImageMaxSide is null ? "n/a" : agent.JpegQuality.ToString(ic),
            ["frame_labels"] = agent.FrameLabels ? "yes" : "no",
            ["text_encoder"] = textEncoder,
        }.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    /// <summary>The hash resumed results must share: the identity without the base URL (a server that moved keeps its results).</summary>
    public static string IdentityHash(IReadOnlyDictionary<string, string> identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        string text = string.Join("\n", identity.Where(p => p.Key != "base_url").OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    public static async Task<VideoQaRunSummary> RunAsync(IReadOnlyList<QaItem> items, VideoQaAgent agent, string model, string agentHash, VideoQaRunOptions o,
        EndpointFailureTracker? failures, RunLog log, Action<VideoQaProgress>? progress, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(log);
        OutputFolder.Create(o.OutDir, "--out");
        using var runLock = Lock(o.OutDir);
        string resultsPath = Path.Combine(o.OutDir, VideoQaResultsFile.ResultsName);
        string errorsPath = Path.Combine(o.OutDir, VideoQaResultsFile.ErrorsName);
        using var results = JsonLinesAppender.Open(resultsPath, "results file");
        using var errors = JsonLinesAppender.Open(errorsPath, "errors file");
        if (results.RemovedPartialBytes > 0) log.Warning($"{resultsPath}: removed a last line cut short by a killed run ({results.RemovedPartialBytes} bytes); that question runs again");
        var (done, warnings) = VideoQaResultsFile.ReadResults(resultsPath);
        foreach (string w in warnings) log.Warning(w);
        var wanted = items.Select(i => i.Uid).ToHashSet(StringComparer.Ordinal);
        var foreign = done.Where(d => d.Agent != agentHash && wanted.Contains(d.ItemId)).ToList();
        if (foreign.Count > 0)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{resultsPath} holds {foreign.Count} result(s) made with another agent setup (e.g. uid {foreign[0].ItemId}: model {foreign[0].Model}, setup {foreign[0].Agent}; this run: model {model}, setup {agentHash}; the setup covers the model, prompt, --max-rounds, --top-k, --image-max-side, --frame-labels and the text encoder); resume with the same options or write to another --out"));
        }
        var completed = done.Where(d => wanted.Contains(d.ItemId)).ToDictionary(d => d.ItemId, StringComparer.Ordinal);
        var todo = items.Where(i => !completed.ContainsKey(i.Uid)).ToList();
        int answered = completed.Values.Count(d => d.Outcome is SampleOutcome.Correct or SampleOutcome.Wrong);
        int correct = completed.Values.Count(d => d.Outcome == SampleOutcome.Correct);
        int finished = completed.Count, failed = 0, completedNow = 0;
        if (completed.Count > 0) log.Info($"Resuming: {completed.Count} of {items.Count} questions already have a result; {todo.Count} to run");
        progress?.Invoke(new VideoQaProgress(finished, items.Count, 0, answered, correct));

        using var sources = new VideoSources(o.FramesRoot, o.EmbeddingsRoot, o.Fps);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var gate = new Lock();
        try
        {
            await Parallel.ForEachAsync(todo, new ParallelOptions { MaxDegreeOfParallelism = o.Concurrency, CancellationToken = stop.Token }, async (item, token) =>
            {
                var started = DateTimeOffset.UtcNow;
                var clock = Stopwatch.StartNew();
                VideoQaResultDocument? result = null;
                VideoQaErrorDocument? error = null;
                try
                {
                    using var lease = sources.Acquire(item.Key);
                    var run = await agent.AnswerAsync(item, lease.Source, token).ConfigureAwait(false);
                    result = VideoQaResults.Build(item, lease.Source, run, model, agentHash, o.RunId, started, clock.Elapsed.TotalMilliseconds, o.ToleranceSeconds);
                }
                catch (AgentException ex)
                {
                    error = Error(item, ex.InnerException ?? ex, ex.Rounds, clock.Elapsed.TotalMilliseconds, o.RunId);
                }
                catch (UserInputException ex)
                {
                    error = Error(item, ex, 0, clock.Elapsed.TotalMilliseconds, o.RunId);
                }
                if (result is not null) results.Append(VideoQaResultsFile.Line(result));
                else errors.Append(VideoQaResultsFile.Line(error!));
                VideoQaProgress p;
                lock (gate)
                {
                    if (result is not null)
                    {
                        finished++;
                        completedNow++;
                        if (result.Outcome is SampleOutcome.Correct or SampleOutcome.Wrong) answered++;
                        if (result.Outcome == SampleOutcome.Correct) correct++;
                    }
                    else
                    {
                        failed++;
                    }
                    p = new VideoQaProgress(finished, items.Count, failed, answered, correct);
                }
                if (error is not null) log.Warning($"uid {item.Uid} (video {item.Key}) failed, it will be retried by the next run: {error.Error}");
                progress?.Invoke(p);
                if (failures?.ShouldStop == true) await stop.CancelAsync().ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && stop.IsCancellationRequested)
        {
            string reason = string.Create(CultureInfo.InvariantCulture,
                $"{failures?.LastFailure?.Message ?? "the endpoint cannot be used"} ({failures?.StopAfter} calls in a row failed like this; run stopped)");
            return new VideoQaRunSummary(items.Count, completed.Count, completedNow, failed, true, reason);
        }
        var cache = agent.Images.Cache;
        if (agent.Images.MaxSide is not null && cache.Hits + cache.Misses > 0)
        {
            log.Info(string.Create(CultureInfo.InvariantCulture,
                $"Frames re-encoded: {cache.Misses - agent.Images.AlreadyFitting:#,0} of {cache.Hits + cache.Misses:#,0} sent ({agent.Images.AlreadyFitting:#,0} already within --image-max-side, sent as they are; {cache.Hits:#,0} from the cache, {cache.Evictions:#,0} dropped to stay within {cache.MaxBytes / 1048576.0:0.#} MiB)"));
        }
        return new VideoQaRunSummary(items.Count, completed.Count, completedNow, failed, false, null);
    }

    private static VideoQaErrorDocument Error(QaItem item, Exception cause, int rounds, double ms, string runId) => new()
    {
        ItemId = item.Uid,
        Key = item.Key,
        Error = cause.Message,
        ErrorType = cause.GetType().Name,
        Stack = cause.ToString(),
        RawBody = (cause as MalformedReplyException)?.RawBody,
        StatusCode = (cause as EndpointException)?.StatusCode,
        Rounds = rounds,
        LatencyMs = ms,
        Utc = DateTimeOffset.UtcNow,
        RunId = runId,
    };

    /// <summary>Holds the folder's lock file for the run (released by the OS if the process dies).</summary>
    private static FileStream Lock(string dir)
    {
        string path = Path.Combine(dir, LockName);
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot write --out {dir}: permission denied. Give a folder you can write to.");
        }
        catch (IOException)
        {
            throw new UserInputException($"another gaplens videoqa run is writing into {dir} (it holds {LockName}); wait for it to end or give another --out");
        }
    }
}
