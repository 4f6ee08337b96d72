using System.Threading.Channels;
using GapLens.IO.Logging;
using Microsoft.Data.Sqlite;

namespace GapLens.Judging.Human;

/// <summary>
/// The one writer of the store. Requests queue up; the writer takes everything waiting and appends it
/// in one transaction (one disk sync however many annotators submitted at once: group commit), lets the
/// owner derive what depends on it, and then acknowledges each submission: an acknowledged submission
/// is on disk. Assignments and the file watermark are logged the same way but nobody waits for them. A
/// failed transaction fails the submissions in it (the client is told; nothing half-written stays).
/// </summary>
public sealed class SubmissionWriter : IAsyncDisposable
{
    private const int MaxBatch = 512;

    private readonly HumanScoreStore _store;
    private readonly Action<IReadOnlyList<StoredSubmission>> _afterCommit;
    private readonly Func<Task> _beforeClose;
    private readonly RunLog _log;
    private readonly Channel<Op> _queue = Channel.CreateUnbounded<Op>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private long _watermark;
    private long _persistedWatermark;

    /// <param name="store">The store (owned by the caller, used only by this writer from now on).</param>
    /// <param name="watermark">The file watermark the store holds.</param>
    /// <param name="afterCommit">Runs after each commit, before the acknowledgements (updates the derived state).</param>
    /// <param name="beforeClose">Awaited when the writer stops, before the last watermark is recorded (the file writer finishing).</param>
    /// <param name="log">Where failures are logged.</param>
    public SubmissionWriter(HumanScoreStore store, long watermark, Action<IReadOnlyList<StoredSubmission>> afterCommit, Func<Task> beforeClose, RunLog log)
    {
        _store = store;
        _watermark = _persistedWatermark = watermark;
        _afterCommit = afterCommit;
        _beforeClose = beforeClose;
        _log = log;
        _loop = Task.Factory.StartNew(LoopAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Appends submissions (one, or a batch of imports); completes once they are on disk.</summary>
    public Task<IReadOnlyList<StoredSubmission>> SubmitAsync(IReadOnlyList<HumanSubmission> submissions)
    {
        var op = new Op(submissions, null);
        if (!_queue.Writer.TryWrite(op)) throw new ObjectDisposedException(nameof(SubmissionWriter), "the server is stopping");
        return op.Done!.Task;
    }

    /// <summary>Logs assignments (not awaited: at worst a crash forgets the last few).</summary>
    public void Assign(IReadOnlyList<Assignment> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count > 0) _queue.Writer.TryWrite(new Op(null, events));
    }

    /// <summary>Records that every file is up to date with the log up to this id (not awaited).</summary>
    public void RecordWatermark(long id)
    {
        if (id > Interlocked.Read(ref _watermark))
        {
            Interlocked.Exchange(ref _watermark, id);
            _queue.Writer.TryWrite(new Op(null, null));
        }
    }

    private async Task LoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<Op>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var op)) batch.Add(op);
            Commit(batch);
        }
        await _beforeClose().ConfigureAwait(false);
        Commit([]);
    }

    private void Commit(List<Op> batch)
    {
        var submitting = batch.Where(o => o.Submissions is not null).ToList();
        var assignments = batch.Where(o => o.Assignments is not null).SelectMany(o => o.Assignments!).ToList();
        long watermark = Interlocked.Read(ref _watermark);
        long? recordWatermark = watermark != _persistedWatermark ? watermark : null;
        if (submitting.Count == 0 && assignments.Count == 0 && recordWatermark is null) return;
        List<StoredSubmission> stored;
        try
        {
            stored = _store.Append([.. submitting.SelectMany(o => o.Submissions!)], assignments, recordWatermark);
            if (recordWatermark is { } w) _persistedWatermark = w;
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            _log.Error($"could not save to {_store.Path}: {ex.Message}");
            foreach (var o in submitting) o.Done!.TrySetException(new IOException($"the score could not be saved ({ex.Message}); try again", ex));
            return;
        }
        if (stored.Count > 0) _afterCommit(stored);
        int k = 0;
        foreach (var o in submitting)
        {
            o.Done!.TrySetResult(stored.GetRange(k, o.Submissions!.Count));
            k += o.Submissions!.Count;
        }
    }

    /// <summary>Stops taking requests, finishes what is queued, waits for the files and records the watermark.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private sealed class Op(IReadOnlyList<HumanSubmission>? submissions, IReadOnlyList<Assignment>? assignments)
    {
        public IReadOnlyList<HumanSubmission>? Submissions { get; } = submissions;

        public IReadOnlyList<Assignment>? Assignments { get; } = assignments;

        public TaskCompletionSource<IReadOnlyList<StoredSubmission>>? Done { get; } =
            submissions is null ? null : new TaskCompletionSource<IReadOnlyList<StoredSubmission>>(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
