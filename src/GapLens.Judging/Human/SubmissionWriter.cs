using System.Threading.Channels;
using GapLens.IO.Logging;
using Microsoft.Data.Sqlite;

namespace GapLens.Judging.Human;

/// <summary>
/// The one writer of the store. Requests queue up; the writer takes everything waiting, appends it in
/// one transaction (one disk sync however many annotators submitted at once: group commit), lets the
/// owner derive what depends on it (the human-eval.json files), and only then acknowledges each
/// submission. Assignments are logged the same way but nobody waits for them. A failed transaction
/// fails the submissions in it (the client is told; nothing half-written stays).
/// </summary>
public sealed class SubmissionWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly HumanScoreStore _store;
    private readonly Func<IReadOnlyList<StoredSubmission>, bool> _afterCommit;
    private readonly RunLog _log;
    private readonly Channel<Op> _queue = Channel.CreateUnbounded<Op>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private long _watermark;
    private long _persistedWatermark;
    private bool _filesBehind;

    /// <param name="store">The store (owned by the caller, used only by this writer from now on).</param>
    /// <param name="watermark">Submissions up to this id are reflected in the files.</param>
    /// <param name="afterCommit">Runs after each commit, before the acknowledgements: derives the files; false when a file could not be written.</param>
    /// <param name="log">Where failures are logged.</param>
    public SubmissionWriter(HumanScoreStore store, long watermark, Func<IReadOnlyList<StoredSubmission>, bool> afterCommit, RunLog log)
    {
        _store = store;
        _watermark = _persistedWatermark = watermark;
        _afterCommit = afterCommit;
        _log = log;
        _loop = Task.Factory.StartNew(LoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Appends one submission; completes once it is on disk and its file is rewritten.</summary>
    public Task<StoredSubmission> SubmitAsync(HumanSubmission submission)
    {
        var op = new Op(submission, null);
        if (!_queue.Writer.TryWrite(op)) throw new ObjectDisposedException(nameof(SubmissionWriter), "the server is stopping");
        return op.Done!.Task;
    }

    /// <summary>Logs assignments (not awaited: at worst a crash forgets the last few).</summary>
    public void Assign(IReadOnlyList<Assignment> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count > 0) _queue.Writer.TryWrite(new Op(null, events));
    }

    private async Task LoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Op>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var op)) batch.Add(op);
            var submissions = batch.Where(o => o.Submission is not null).ToList();
            var assignments = batch.Where(o => o.Assignments is not null).SelectMany(o => o.Assignments!).ToList();
            List<StoredSubmission> stored;
            long? watermark = _watermark != _persistedWatermark ? _watermark : null;
            try
            {
                stored = _store.Append([.. submissions.Select(o => o.Submission!)], assignments, watermark);
                if (watermark is { } w) _persistedWatermark = w;
            }
            catch (Exception ex) when (ex is SqliteException or IOException)
            {
                _log.Error($"could not save {submissions.Count} submission(s) to {_store.Path}: {ex.Message}");
                foreach (var o in submissions) o.Done!.TrySetException(new IOException($"the score could not be saved ({ex.Message}); try again", ex));
                continue;
            }
            bool filesOk = true;
            try
            {
                filesOk = _afterCommit(stored);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                filesOk = false;
                _log.Error($"a human-eval.json could not be rewritten: {ex.Message} (the submissions are saved; the files are rewritten at the next start)");
            }
            _filesBehind |= !filesOk;
            if (!_filesBehind && stored.Count > 0) _watermark = Math.Max(_watermark, stored.Max(s => s.Submission.Id));
            for (int k = 0; k < submissions.Count; k++) submissions[k].Done!.TrySetResult(stored[k]);
        }
        if (_watermark != _persistedWatermark) _store.Append([], [], _watermark);
    }

    /// <summary>Stops taking requests, finishes what is queued and records how far the files are written.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private sealed class Op(HumanSubmission? submission, IReadOnlyList<Assignment>? assignments)
    {
        public HumanSubmission? Submission { get; } = submission;

        public IReadOnlyList<Assignment>? Assignments { get; } = assignments;

        public TaskCompletionSource<StoredSubmission>? Done { get; } =
            submission is null ? null : new TaskCompletionSource<StoredSubmission>(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
