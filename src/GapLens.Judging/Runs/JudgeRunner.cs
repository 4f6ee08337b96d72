using System.Globalization;
using GapLens.Core;
using GapLens.IO.Files;
using GapLens.IO.Logging;
using GapLens.Judging.Folders;
using GapLens.Judging.Frames;
using GapLens.Judging.Judges;

namespace GapLens.Judging.Runs;

/// <summary>
/// Scores every generated video under data/outputs with one judge and writes one score file per item
/// (data/evaluations/&lt;judge dir&gt;/...), atomically. Resumable: an item whose file says
/// "completed" is not judged again; failed items are retried; skipped items are re-checked (they are
/// judged once their inputs exist). A killed run loses at most the items in flight. Items are judged
/// concurrently up to <see cref="JudgeRunOptions.Concurrency"/>. The caller records the run (judge identity).
/// </summary>
public static class JudgeRunner
{
    /// <param name="judge">The judge.</param>
    /// <param name="o">Folders and concurrency.</param>
    /// <param name="log">The run's log.</param>
    /// <param name="progress">(done, total, failed, skipped) after each item.</param>
    /// <param name="started">Called once the items are listed, before the first is judged.</param>
    /// <param name="ct">Cancellation.</param>
    public static async Task<JudgeRunSummary> RunAsync(IJudge judge, JudgeRunOptions o, RunLog log, Action<int, int, int, int>? progress, Action? started, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(log);
        var items = VmOutputs.Scan(o.OutputsRoot);
        if (items.Count == 0) throw new UserInputException($"no items under {o.OutputsRoot} (expected <experiment>/<model>/<task_type>/<task_id>/[<run>/]video/*.mp4)");
        var byOthers = ScoredByAnotherJudge(judge, o, items);
        if (byOthers.Count > 0 && !o.Rejudge)
        {
            var (file, who) = byOthers[0];
            throw new UserInputException(
                $"{byOthers.Count} of {items.Count} items in {Path.Combine(o.EvaluationsRoot, judge.EvaluatorDir)} were scored by another judge " +
                $"(e.g. {file}: {JudgeIdentity.Describe(who)}; this run: {JudgeIdentity.Describe(judge.Identity)}); " +
                "write elsewhere with --evaluator NAME, or score them again with --rejudge");
        }
        if (byOthers.Count > 0) log.Warning($"--rejudge: {byOthers.Count} items scored by another judge are scored again");
        started?.Invoke();
        log.Info($"Judging {items.Count} items with {judge.EvaluatorDir} (concurrency {o.Concurrency})");
        // Temporaries of a run killed outright (kill -9): frames being decoded, score files being written.
        TempFiles.RemoveOrphans(Path.Combine(o.EvaluationsRoot, "_frames"), maxDepth: 0);
        TempFiles.RemoveOrphans(Path.Combine(o.EvaluationsRoot, judge.EvaluatorDir), maxDepth: 5);
        var frames = new FrameCache(Path.Combine(o.EvaluationsRoot, "_frames"));
        int scored = 0, done = 0, skipped = 0, failed = 0, n = 0;
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, o.Concurrency), CancellationToken = ct }, async (item, token) =>
        {
            string path = ScoreFiles.PathFor(o.EvaluationsRoot, judge.EvaluatorDir, item, judge.EvaluatorDir);
            var outcome = await JudgeOneAsync(judge, item, path, frames, o, log, token).ConfigureAwait(false);
            _ = outcome switch
            {
                ScoreStatus.Completed => Interlocked.Increment(ref scored),
                ScoreStatus.Skipped => Interlocked.Increment(ref skipped),
                ScoreStatus.Failed => Interlocked.Increment(ref failed),
                _ => Interlocked.Increment(ref done),
            };
            Interlocked.Increment(ref n);
            progress?.Invoke(Volatile.Read(ref n), items.Count, Volatile.Read(ref failed), Volatile.Read(ref skipped));
        }).ConfigureAwait(false);
        return new JudgeRunSummary(items.Count, scored, done, skipped, failed);
    }

    /// <summary>The items whose score file says completed by a judge whose identity differs from this one.</summary>
    private static List<(string File, IReadOnlyDictionary<string, string>? Judge)> ScoredByAnotherJudge(IJudge judge, JudgeRunOptions o, IReadOnlyList<VmItem> items)
    {
        var others = new List<(string, IReadOnlyDictionary<string, string>?)>();
        foreach (var item in items)
        {
            string path = ScoreFiles.PathFor(o.EvaluationsRoot, judge.EvaluatorDir, item, judge.EvaluatorDir);
            if (!File.Exists(path)) continue;
            try
            {
                var r = ScoreFiles.Read(path);
                if (r.Status == ScoreStatus.Completed && !JudgeIdentity.Same(r.Judge, judge.Identity)) others.Add((path, r.Judge));
            }
            catch (UserInputException)
            {
                // An unreadable earlier result is judged again.
            }
        }
        return others;
    }

    /// <summary>Judges one item unless its file is already completed by this judge; returns what happened
    /// (<see cref="Resumed"/> for an item an earlier run completed).</summary>
    private static async Task<ScoreStatus> JudgeOneAsync(IJudge judge, VmItem item, string path, FrameCache frames, JudgeRunOptions o, RunLog log, CancellationToken ct)
    {
        if (File.Exists(path))
        {
            try
            {
                var earlier = ScoreFiles.Read(path);
                if (earlier.Status == ScoreStatus.Completed && JudgeIdentity.Same(earlier.Judge, judge.Identity)) return Resumed;
            }
            catch (UserInputException ex)
            {
                log.Warning($"Unreadable earlier score file, judging the item again: {ex.Message}");
            }
        }
        var baseRecord = new ScoreRecord(judge.EvaluatorDir, item.Experiment, item.Model, item.TaskType, item.TaskId,
            ScoreStatus.Completed, null, null, null, null, DateTimeOffset.UtcNow, Judge: judge.Identity);
        if (item.FinalFrame is null && item.Goal is null)
        {
            ScoreFiles.Write(path, baseRecord with { Status = ScoreStatus.Skipped, Error = "No ground truth final frame available" });
            return ScoreStatus.Skipped;
        }
        if (item.Video is null || item.FirstFrame is null)
        {
            ScoreFiles.Write(path, baseRecord with { Status = ScoreStatus.Failed, Error = item.Video is null ? "no .mp4 in video/" : "no question/first_frame.png" });
            return ScoreStatus.Failed;
        }
        var (picked, why) = await frames.GetAsync(item.Video, o.VoteFrames, o.VoteSeconds, ct).ConfigureAwait(false);
        if (picked.Count == 0)
        {
            ScoreFiles.Write(path, baseRecord with { Status = ScoreStatus.Failed, Error = $"cannot read a frame of {item.Video}" + (why is null ? "" : $": {why}") });
            return ScoreStatus.Failed;
        }
        var verdicts = new List<JudgeOutcome>();
        foreach (string frame in picked)
        {
            verdicts.Add(await judge.JudgeAsync(new JudgeInput(item.TaskType, item.Prompt, item.FirstFrame, item.FinalFrame, frame, item.Goal), ct).ConfigureAwait(false));
        }
        var valid = verdicts.Where(v => v.Score is not null).ToList();
        if (valid.Count == 0)
        {
            var first = verdicts[^1];
            ScoreFiles.Write(path, baseRecord with { Status = ScoreStatus.Failed, Error = first.Failure, RawReply = first.RawReply });
            return ScoreStatus.Failed;
        }
        if (picked.Count == 1)
        {
            var v = valid[0];
            ScoreFiles.Write(path, baseRecord with { Score = v.Score, Explanation = v.Explanation, EvaluationType = v.EvaluationType });
            return ScoreStatus.Completed;
        }
        // Multi-frame mode: the (lower) median of the frame scores; agreement = share of frames
        // that gave it; low agreement or a failed frame sends the item to human review.
        var scores = valid.Select(v => v.Score!.Value).ToList();
        int vote = scores.Order().ElementAt((scores.Count - 1) / 2);
        double agreement = scores.Count(x => x == vote) / (double)scores.Count;
        bool review = agreement < o.ReviewBelow || valid.Count < verdicts.Count;
        var last = valid[^1];
        ScoreFiles.Write(path, baseRecord with
        {
            Score = vote,
            Explanation = $"vote of {verdicts.Count} frames from the last {o.VoteSeconds.ToString(CultureInfo.InvariantCulture)} s: [{string.Join(", ", verdicts.Select(v => v.Score?.ToString(CultureInfo.InvariantCulture) ?? "failed"))}]; last frame: {last.Explanation}",
            EvaluationType = last.EvaluationType,
            FrameScores = scores,
            FrameAgreement = agreement,
            NeedsReview = review,
        });
        return ScoreStatus.Completed;
    }

    /// <summary>Marker for "already completed by an earlier run".</summary>
    private const ScoreStatus Resumed = (ScoreStatus)(-1);
}
