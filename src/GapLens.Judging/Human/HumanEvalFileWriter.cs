using GapLens.IO.Files;
using GapLens.IO.Logging;

namespace GapLens.Judging.Human;

/// <summary>
/// Rewrites the human-eval.json of items whose answers changed, in the background: submissions are
/// acknowledged once they are in the log (the record), and their files follow within milliseconds.
/// Items marked while a file is being written are written again, so the last write always holds the
/// latest answers. After each round it reports the log id every file is now up to date with (the
/// watermark): a server killed before that is rewritten from the log at its next start.
/// </summary>
internal sealed class HumanEvalFileWriter
{
    private const int Parallelism = 4;

    private readonly Lock _gate;
    private readonly Func<int, (ItemKey Key, List<HumanSubmission> Latest)> _snapshot;
    private readonly Func<long> _committed;
    private readonly Action<long> _caughtUp;
    private readonly string _evaluationsRoot;
    private readonly RunLog _log;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private HashSet<int> _dirty = [];
    private readonly HashSet<int> _cleanTemps = [];
    private Task _loop = Task.CompletedTask;
    private TaskCompletionSource _idle = NewIdle(done: true);
    private bool _behind;

    /// <param name="gate">The owner's lock: marks and the committed id are read together under it.</param>
    /// <param name="snapshot">An item's key and latest answers (called under the gate).</param>
    /// <param name="committed">The highest log id committed so far (called under the gate).</param>
    /// <param name="caughtUp">Told the id every file is up to date with after a round.</param>
    /// <param name="evaluationsRoot">The evaluations folder.</param>
    /// <param name="log">Where failures are logged.</param>
    public HumanEvalFileWriter(Lock gate, Func<int, (ItemKey, List<HumanSubmission>)> snapshot, Func<long> committed, Action<long> caughtUp, string evaluationsRoot, RunLog log)
    {
        _gate = gate;
        _snapshot = snapshot;
        _committed = committed;
        _caughtUp = caughtUp;
        _evaluationsRoot = evaluationsRoot;
        _log = log;
    }

    public void Start() => _loop = Task.Run(LoopAsync);

    /// <summary>Marks items to rewrite; the caller holds the gate (so the marks and the log agree).
    /// <paramref name="cleanTemps"/>: remove temporaries a killed writer left beside the file first.</summary>
    public void MarkDirtyLocked(IEnumerable<int> items, bool cleanTemps = false)
    {
        foreach (int i in items)
        {
            _dirty.Add(i);
            if (cleanTemps) _cleanTemps.Add(i);
        }
        if (_dirty.Count > 0)
        {
            if (_idle.Task.IsCompleted) _idle = NewIdle(done: false);
            _signal.Release();
        }
    }

    /// <summary>Completes when every marked item is written (for tests and a clean stop).</summary>
    public Task IdleAsync()
    {
        lock (_gate) return _idle.Task;
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            try
            {
                await _signal.WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            HashSet<int> round;
            HashSet<int> clean;
            long upTo;
            lock (_gate)
            {
                if (_dirty.Count == 0)
                {
                    _idle.TrySetResult();
                    continue;
                }
                (round, _dirty) = (_dirty, []);
                clean = [.. round.Where(_cleanTemps.Contains)];
                _cleanTemps.ExceptWith(clean);
                upTo = _committed();
            }
            bool ok = true;
            await Parallel.ForEachAsync(round, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, (i, _) =>
            {
                (ItemKey key, List<HumanSubmission> latest) snap;
                lock (_gate) snap = _snapshot(i);
                if (snap.latest.Count == 0) return ValueTask.CompletedTask;
                string path = HumanConsensus.FilePath(_evaluationsRoot, snap.key);
                try
                {
                    if (clean.Contains(i)) RemoveTemporaries(Path.GetDirectoryName(path)!);
                    HumanConsensus.WriteFile(_evaluationsRoot, snap.key, snap.latest);
                }
                catch (Exception ex)
                {
                    // Whatever went wrong, the loop goes on (a dead loop would hold every later file and the
                    // server's stop): the answers are in the log, and the watermark stays behind this file.
                    ok = false;
                    _log.Error($"could not rewrite {path}: {ex.GetType().Name}: {ex.Message} (the answers are saved in the log; the file is rewritten at the next start)");
                }
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);
            lock (_gate)
            {
                _behind |= !ok;
                if (!_behind) _caughtUp(upTo);
                if (_dirty.Count == 0) _idle.TrySetResult();
            }
        }
    }

    private static void RemoveTemporaries(string dir)
    {
        if (!Directory.Exists(dir)) return;
        foreach (string f in Directory.EnumerateFiles(dir).Where(f => AtomicFile.IsTempName(Path.GetFileName(f)))) File.Delete(f);
    }

    /// <summary>Writes what is marked, then stops.</summary>
    public async Task StopAsync()
    {
        await IdleAsync().ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        _signal.Dispose();
    }

    private static TaskCompletionSource NewIdle(bool done)
    {
        var t = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (done) t.SetResult();
        return t;
    }
}
