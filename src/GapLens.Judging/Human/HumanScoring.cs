using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using GapLens.Core;
using GapLens.IO.Files;
using GapLens.IO.Logging;
using GapLens.IO.Media;
using GapLens.Judging.Analysis;
using GapLens.Judging.Folders;
using GapLens.Judging.Frames;

namespace GapLens.Judging.Human;

/// <summary>
/// Human scoring of a VMEvalKit experiment, the service behind <c>gaplens serve</c>: the items of the
/// outputs folder, the append-only log of submissions (SQLite) and everything derived from it (each
/// annotator's latest answer, the per-item human-eval.json files, progress, agreement), and who gets
/// which item next. It starts in the time it takes to list the task folders and replay the log: what
/// is inside a task folder is read when the item is first needed (and by a background reader), and
/// existing human-eval.json files are imported in the background (items are handed out once that is
/// done). Thread-safe: reads and assignments run under one lock on in-memory state; every write goes
/// through the single <see cref="SubmissionWriter"/>, every file through the file writer.
/// </summary>
public sealed class HumanScoring : IAsyncDisposable
{
    private static readonly TimeSpan JudgeRefresh = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly HumanScoringOptions _options;
    private readonly RunLog _log;
    private readonly TimeProvider _time;
    private readonly ImmutableArray<HumanItem> _items;
    private readonly Dictionary<string, HumanItem> _byId;
    private readonly HumanScoreStore _store;
    private readonly ScoreLedger _ledger;
    private readonly AssignmentQueue _queue;
    private readonly FrameCache _frames;
    private readonly Lazy<VmItem?>[] _details;
    private readonly HumanEvalFileWriter _files;
    private readonly ConcurrentDictionary<int, Lazy<Task<(VideoTiming?, string?)>>> _timings = new();
    private readonly ConcurrentDictionary<int, string> _lastFrames = new();
    private readonly CancellationTokenSource _background = new();
    private SubmissionWriter? _writer;
    private Task _import = Task.CompletedTask;
    private Task _reader = Task.CompletedTask;
    private JudgeScores _judges = JudgeScores.Empty;
    private Task<JudgeScores>? _judgeLoad;
    private (long Version, DateTimeOffset Judges, HumanPanel Panel)? _panel;
    private int _sessionSubmissions;
    private int _empty;

    private HumanScoring(HumanScoringOptions options, RunLog log, TimeProvider time, ImmutableArray<HumanItem> items, HumanScoreStore store)
    {
        _options = options;
        _log = log;
        _time = time;
        _items = items;
        _byId = items.ToDictionary(i => i.Id, StringComparer.Ordinal);
        _store = store;
        _ledger = new ScoreLedger([.. items.Select(i => i.Key)]);
        _queue = new AssignmentQueue(items, _ledger, options.Overlap, options.LeaseDuration ?? HumanScoringOptions.DefaultLease, options.Seed);
        _frames = new FrameCache(Path.Combine(options.EvaluationsRoot, "_frames"));
        _details = [.. items.Select(i => new Lazy<VmItem?>(() => ReadTask(i)))];
        _files = new HumanEvalFileWriter(_gate, i => (_items[i].Key, _ledger.Latest(i)), () => _ledger.MaxId, id => _writer?.RecordWatermark(id), options.EvaluationsRoot, log);
    }

    public ImmutableArray<HumanItem> Items => _items;

    public int Overlap => _options.Overlap;

    public string StorePath => _store.Path;

    public string OutputsRoot => _options.OutputsRoot;

    public string EvaluationsRoot => _options.EvaluationsRoot;

    /// <summary>Signs session cookies (kept in the store so that sessions survive a restart).</summary>
    public byte[] Secret { get; private set; } = [];

    /// <summary>What the import found: files read, submissions added, unreadable files (complete once <see cref="ImportedAsync"/> is).</summary>
    public (int Files, int Submissions, IReadOnlyList<(string File, string Problem)> Bad) Imported { get; private set; } = (0, 0, []);

    /// <summary>Completes when the existing human-eval.json files are imported (items are handed out after that).</summary>
    public Task ImportedAsync() => _import;

    /// <summary>Submissions acknowledged since this service started.</summary>
    public int SessionSubmissions => Volatile.Read(ref _sessionSubmissions);

    /// <summary>
    /// Lists the task folders, opens (or creates) the store and replays the log, starts the writers,
    /// and in the background imports existing human-eval.json files, rewrites the files a killed
    /// server left behind, and reads the items' folders.
    /// </summary>
    public static HumanScoring Open(HumanScoringOptions options, RunLog log, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        var clock = Stopwatch.StartNew();
        var tasks = VmOutputs.ListTasks(options.OutputsRoot);
        VmOutputs.CheckLevel(options.OutputsRoot, tasks);
        if (tasks.Count == 0) throw new UserInputException($"no items to score under {options.OutputsRoot} (expected <experiment>/<model>/<task_type>/<task_id>/ folders with video/ and question/)");
        log.Debug(string.Create(CultureInfo.InvariantCulture, $"Listed {tasks.Count} task folders under {options.OutputsRoot} in {clock.ElapsedMilliseconds} ms"));
        ct.ThrowIfCancellationRequested();
        clock.Restart();
        var store = HumanScoreStore.Open(options.StorePath);
        HumanScoring service;
        try
        {
            // The items' URL ids are keyed with the store's secret (see ItemKey.Id).
            byte[] secret = store.Secret;
            var items = ImmutableArray.CreateBuilder<HumanItem>(tasks.Count);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in tasks)
            {
                var key = new ItemKey(t.Experiment, t.Model, t.TaskType, t.TaskId);
                string id = key.Id(secret);
                if (!ids.Add(id)) throw new InvalidOperationException($"two items share the id {id}: {key}");
                items.Add(new HumanItem(items.Count, id, key, t));
            }
            service = new HumanScoring(options, log, time, items.MoveToImmutable(), store);
            service.Start();
        }
        catch
        {
            store.Dispose();
            throw;
        }
        log.Debug(string.Create(CultureInfo.InvariantCulture, $"Opened the store and replayed {service._ledger.Count} submission(s) in {clock.ElapsedMilliseconds} ms"));
        return service;
    }

    private void Start()
    {
        Secret = _store.Secret;
        long watermark = _store.FilesSyncedThrough;
        foreach (var s in _store.ReadSubmissions()) AddToLedger(s);
        foreach (var a in _store.ReadAssignments()) _queue.Replay(a);
        _writer = new SubmissionWriter(_store, watermark, AfterCommit, _files.IdleAsync, _log);
        _files.Start();
        // Files a killed server did not get to rewrite (their temporaries removed first).
        var stale = Enumerable.Range(0, _items.Length).Where(i => _ledger.Log(i).Any(s => s.Id > watermark)).ToList();
        lock (_gate)
        {
            if (stale.Count > 0) _files.MarkDirtyLocked(stale, cleanTemps: true);
            else if (_ledger.MaxId > watermark) _writer.RecordWatermark(_ledger.MaxId);
        }
        if (stale.Count > 0) _log.Info(string.Create(CultureInfo.InvariantCulture, $"Rewriting {stale.Count} human-eval.json file(s) from the log (the last run stopped before writing them)"));
        _import = Task.Run(ImportAsync);
        _reader = Task.Run(ReadFoldersAsync);
    }

    /// <summary>Every answer of an existing human-eval.json that the log does not hold yet.</summary>
    private async Task ImportAsync()
    {
        var clock = Stopwatch.StartNew();
        var (files, bad) = HumanEvalImport.Scan(_options.EvaluationsRoot);
        foreach (var (_, problem) in bad) _log.Warning($"Unreadable human-eval.json, not imported: {problem}");
        var fresh = new List<HumanSubmission>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var hadAnswers = new HashSet<int>();
        lock (_gate)
        {
            foreach (var f in files)
            {
                foreach (var s in HumanEvalImport.Submissions(f))
                {
                    if (_ledger.Contains(s.Item, s.Annotator, s.SubmittedUtc, s.Score, s.Comments) || !seen.Add(s.RequestId!)) continue;
                    fresh.Add(s);
                    // A file that gains answers it does not hold is rewritten with everyone's.
                    if (_ledger.IndexOf(s.Item) is { } i && _ledger.Log(i).Count > 0) hadAnswers.Add(i);
                }
            }
        }
        if (fresh.Count > 0)
        {
            var stored = await _writer!.SubmitAsync(fresh).ConfigureAwait(false);
            lock (_gate) _files.MarkDirtyLocked(hadAnswers);
            _log.Info(string.Create(CultureInfo.InvariantCulture,
                $"Imported {stored.Count(s => s.IsNew)} answer(s) from {files.Count} human-eval.json file(s) in {clock.ElapsedMilliseconds} ms"));
        }
        Imported = (files.Count, fresh.Count, bad);
        _log.Debug(string.Create(CultureInfo.InvariantCulture, $"Checked {files.Count} existing human-eval.json file(s) for answers to import in {clock.ElapsedMilliseconds} ms"));
        if (_ledger.Orphans.Count > 0)
        {
            _log.Warning(string.Create(CultureInfo.InvariantCulture, $"{_ledger.Orphans.Count} human submission(s) are for items not under {_options.OutputsRoot}; they are kept in the log and left out of the pages"));
        }
    }

    /// <summary>Reads every item's folder once, one at a time, starting a few seconds after start (not
    /// to slow it), so that progress counts leave out empty task folders (an item needed earlier is
    /// read on demand).</summary>
    private async Task ReadFoldersAsync()
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(3), _background.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        var clock = Stopwatch.StartNew();
        foreach (var item in _items)
        {
            if (_background.IsCancellationRequested) return;
            Details(item);
        }
        _log.Debug(string.Create(CultureInfo.InvariantCulture, $"Read the {_items.Length} item folders in {clock.ElapsedMilliseconds} ms ({Volatile.Read(ref _empty)} without a run)"));
    }

    private void AddToLedger(HumanSubmission s)
    {
        _ledger.Add(s);
        if (_ledger.IndexOf(s.Item) is { } i) _queue.MarkSeen(s.Annotator, i);
    }

    /// <summary>On the writer's thread, after a commit and before the acknowledgements: the new
    /// submissions join the derived state and their items' files are queued for rewriting.</summary>
    private void AfterCommit(IReadOnlyList<StoredSubmission> stored)
    {
        int fresh = 0;
        lock (_gate)
        {
            var touched = new List<int>();
            foreach (var s in stored)
            {
                if (!s.IsNew) continue;
                AddToLedger(s.Submission);
                if (s.Submission.Source != SubmissionSource.Import)
                {
                    fresh++;
                    if (_ledger.IndexOf(s.Submission.Item) is { } i) touched.Add(i);
                }
            }
            _files.MarkDirtyLocked(touched);
        }
        Interlocked.Add(ref _sessionSubmissions, fresh);
    }

    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());

    public HumanItem? Find(string? id) => ItemKey.IsIdShaped(id) && _byId.TryGetValue(id!, out var item) ? item : null;

    private VmItem? ReadTask(HumanItem item)
    {
        try
        {
            return VmOutputs.ReadTask(item.Task);
        }
        catch (Exception ex) when (ex is UserInputException or IOException or UnauthorizedAccessException)
        {
            _log.Warning($"{item.Key} is left out: {ex.Message}");
            return null;
        }
    }

    /// <summary>What the item's folder holds (read once, when first asked); null when it has no run to score.</summary>
    public VmItem? Details(HumanItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var lazy = _details[item.Index];
        bool first = !lazy.IsValueCreated;
        var v = lazy.Value;
        if (v is null && first)
        {
            Interlocked.Increment(ref _empty);
            lock (_gate) _queue.MarkUnservable(item.Index);
        }
        return v;
    }

    /// <summary>Completes when the existing human-eval.json files are imported and their files (and
    /// every file a submission changed so far) are written: for tests and tools that read the files.</summary>
    public async Task FilesWrittenAsync()
    {
        await _import.ConfigureAwait(false);
        await _files.IdleAsync().ConfigureAwait(false);
    }

    /// <summary>The item for this annotator's browser session (see <see cref="AssignmentQueue.Next"/>),
    /// once the import is done; items whose folder turns out to hold no run are skipped.</summary>
    public async Task<NextResult> NextAsync(string? annotator, string session, string? releaseId, CancellationToken ct)
    {
        string name = InputRules.Name(annotator);
        await _import.WaitAsync(ct).ConfigureAwait(false);
        int? release = releaseId is null ? null : Find(releaseId)?.Index;
        while (true)
        {
            int? item;
            List<Assignment> events;
            lock (_gate)
            {
                (item, events) = _queue.Next(name, session, release, Now());
            }
            _writer!.Assign(events);
            release = null;
            if (item is not { } i) break;
            if (Details(_items[i]) is not null) return new NextResult(_items[i], null);
        }
        string message = _options.Overlap == 1
            ? "Nothing left for you: every item is scored, or being scored by someone else right now."
            : string.Create(CultureInfo.InvariantCulture, $"Nothing left for you: every item you have not seen already has {_options.Overlap} annotators (or is being scored right now).");
        return new NextResult(null, message);
    }

    /// <summary>
    /// Checks and appends one submission; returns it once it is on disk (the item's human-eval.json
    /// follows within milliseconds). Null when the item id is unknown. A retried request (same request
    /// id) returns the first one's record.
    /// </summary>
    public async Task<HumanSubmission?> SubmitAsync(SubmissionInput input, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Find(input.ItemId) is not { } item) return null;
        string name = InputRules.Name(input.Annotator, input.Source == SubmissionSource.Review ? "reviewer name" : "annotator name");
        int? score = InputRules.Score(input.Score, input.Unsure);
        string comments = InputRules.Comments(input.Comments, input.Source == SubmissionSource.Review ? "note" : "comments");
        if (input.TimeSpentMs is { } spent && spent is < 0 or > 86_400_000)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"time_spent_ms must be 0-86400000 (one day), got {spent}"));
        }
        InputRules.Token(input.RequestId, "request_id");
        var stored = await _writer!.SubmitAsync([new HumanSubmission(0, item.Key, name, score, comments, Now(), input.TimeSpentMs, input.Blind,
            input.Session, input.Source, input.RequestId)]).WaitAsync(ct).ConfigureAwait(false);
        return stored[0].Submission;
    }

    /// <summary>This annotator's latest answer on the item (to show when they come back to it).</summary>
    public HumanSubmission? LatestOf(HumanItem item, string annotator)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate) return _ledger.LatestOf(item.Index, annotator);
    }

    /// <summary>Every annotator's latest answer on the item.</summary>
    public List<HumanSubmission> LatestOf(HumanItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate) return _ledger.Latest(item.Index);
    }

    /// <summary>Every submission on the item, in order.</summary>
    public List<HumanSubmission> LogOf(HumanItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate) return [.. _ledger.Log(item.Index)];
    }

    /// <summary>Counts overall, per model, per task type and per annotator, from the latest answers
    /// (task folders found to hold no run are left out).</summary>
    public ScoringProgress Progress()
    {
        var now = Now();
        var state = new (int Scorers, bool UnsureOnly, bool InProgress, bool Empty)[_items.Length];
        var perAnnotator = new Dictionary<string, List<HumanSubmission>>(StringComparer.Ordinal);
        int submissions, orphans;
        lock (_gate)
        {
            for (int i = 0; i < _items.Length; i++)
            {
                var log = _ledger.Log(i);
                int scorers = _ledger.Scorers(i);
                state[i] = (scorers, scorers == 0 && log.Count > 0, _queue.LiveLeases(i, now) > 0, _queue.IsUnservable(i) && log.Count == 0);
                foreach (var s in log)
                {
                    if (!perAnnotator.TryGetValue(s.Annotator, out var list)) perAnnotator[s.Annotator] = list = [];
                    list.Add(s);
                }
            }
            submissions = _ledger.Count;
            orphans = _ledger.Orphans.Count;
        }
        GroupProgress Group(string name, IEnumerable<int> members)
        {
            int n = 0, scored = 0, complete = 0, unsure = 0, busy = 0;
            foreach (int i in members)
            {
                if (state[i].Empty) continue;
                n++;
                if (state[i].Scorers > 0) scored++;
                if (state[i].Scorers >= _options.Overlap) complete++;
                if (state[i].UnsureOnly) unsure++;
                if (state[i].InProgress) busy++;
            }
            return new GroupProgress(name, n, scored, complete, unsure, busy);
        }
        var all = Enumerable.Range(0, _items.Length);
        var annotators = perAnnotator.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            var latest = kv.Value.GroupBy(s => s.Item).Select(g => g.MaxBy(s => s.Id)!).ToList();
            var spent = kv.Value.Where(s => s.TimeSpentMs is not null).Select(s => s.TimeSpentMs!.Value / 1000.0).Order().ToArray();
            return new AnnotatorProgress(kv.Key, kv.Value.Count, latest.Count, latest.Count(s => s.Score is not null), latest.Count(s => s.Score is null),
                kv.Value.Count(s => s.Source == SubmissionSource.Review), kv.Value.Count - latest.Count,
                spent.Length == 0 ? null : spent.Length % 2 == 1 ? spent[spent.Length / 2] : (spent[spent.Length / 2 - 1] + spent[spent.Length / 2]) / 2);
        });
        return new ScoringProgress(_options.Overlap, submissions, orphans, Group("all", all),
            [.. all.GroupBy(i => _items[i].Key.Model).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Group(g.Key, g))],
            [.. all.GroupBy(i => _items[i].Key.TaskType).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => Group(g.Key, g))],
            [.. all.GroupBy(i => (_items[i].Key.Model, _items[i].Key.TaskType)).OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.TaskType, StringComparer.Ordinal)
                .Select(g => Group($"{g.Key.Model} / {g.Key.TaskType}", g))],
            [.. annotators]);
    }

    public async Task<JudgeScores> JudgesAsync(CancellationToken ct)
    {
        Task<JudgeScores> load;
        lock (_gate)
        {
            if (_judgeLoad is null || (_judgeLoad.IsCompleted && _time.GetUtcNow() - _judges.LoadedUtc > JudgeRefresh))
            {
                _judgeLoad = Task.Run(() =>
                {
                    var j = JudgeScores.Load(_options.EvaluationsRoot, _time.GetUtcNow());
                    lock (_gate) _judges = j;
                    return j;
                }, CancellationToken.None);
            }
            load = _judges.LoadedUtc == DateTimeOffset.MinValue ? _judgeLoad : Task.FromResult(_judges);
        }
        return await load.WaitAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Agreement so far (humans among themselves, judge against humans), recomputed only when
    /// the log or the judges' files changed. <paramref name="evaluator"/> picks the judge (default: the first).</summary>
    public async Task<(HumanPanel Panel, string? Evaluator)> AgreementAsync(string? evaluator, CancellationToken ct)
    {
        var judges = await JudgesAsync(ct).ConfigureAwait(false);
        string? judge = evaluator is not null && judges.Evaluators.Contains(evaluator) ? evaluator : judges.Evaluators.FirstOrDefault();
        long version;
        var panelItems = new List<PanelItem>();
        lock (_gate)
        {
            version = _ledger.Version;
            if (evaluator is null && _panel is { } cached && cached.Version == version && cached.Judges == judges.LoadedUtc) return (cached.Panel, judge);
            for (int i = 0; i < _items.Length; i++)
            {
                var scores = _ledger.Latest(i).Where(s => s.Score is not null).Select(s => (s.Annotator, s.Score!.Value)).ToList();
                int? j = judge is null ? null : judges.Of(_items[i].Key).FirstOrDefault(r => r.Evaluator == judge && r.Status == ScoreStatus.Completed)?.Score;
                if (scores.Count > 0 || j is not null) panelItems.Add(new PanelItem(_items[i].Key.ToString(), scores, HumanConsensus.LowerMedian(scores.Select(s => s.Item2)), j));
            }
        }
        var panel = await Task.Run(() => HumanPanel.Compute(panelItems, _options.Resamples, _options.Seed), ct).ConfigureAwait(false);
        if (evaluator is null || evaluator == judges.Evaluators.FirstOrDefault())
        {
            lock (_gate) _panel = (version, judges.LoadedUtc, panel);
        }
        return (panel, judge);
    }

    /// <summary>Items ranked by disagreement (judge vs humans, humans among themselves, judge flags,
    /// unsure answers), optionally for one model and/or task type; the top <paramref name="limit"/> and the total.</summary>
    public async Task<(List<ReviewEntry> Entries, int Total)> ReviewAsync(string? model, string? taskType, int limit, CancellationToken ct)
    {
        var judges = await JudgesAsync(ct).ConfigureAwait(false);
        var entries = new List<ReviewEntry>();
        lock (_gate)
        {
            foreach (var item in _items)
            {
                if (model is not null && item.Key.Model != model) continue;
                if (taskType is not null && item.Key.TaskType != taskType) continue;
                var latest = _ledger.Latest(item.Index);
                var js = judges.Of(item.Key);
                if (latest.Count == 0 && js.Count == 0) continue;
                var scores = latest.Where(s => s.Score is not null).Select(s => s.Score!.Value).ToList();
                int? consensus = HumanConsensus.LowerMedian(scores);
                int? gap = consensus is { } c && js.Any(r => r.Score is not null) ? js.Where(r => r.Score is not null).Max(r => Math.Abs(r.Score!.Value - c)) : null;
                int? spread = scores.Count >= 2 ? scores.Max() - scores.Min() : null;
                bool flagged = js.Any(r => r.NeedsReview == true || r.Status == ScoreStatus.Failed);
                entries.Add(new ReviewEntry(item, Math.Max(gap ?? 0, spread ?? 0), consensus, gap, spread, flagged, latest.Count(s => s.Score is null), [.. latest], [.. js]));
            }
        }
        var ranked = entries.OrderByDescending(e => e.Disagreement).ThenByDescending(e => e.JudgeFlagged).ThenByDescending(e => e.UnsureAnswers)
            .ThenBy(e => e.Item.Key).ToList();
        return (ranked.Take(limit).ToList(), ranked.Count);
    }

    /// <summary>The video's frame timing (ffprobe, once per item).</summary>
    public Task<(VideoTiming? Timing, string? Error)> TimingAsync(HumanItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (Details(item)?.Video is not { } video) return Task.FromResult<(VideoTiming?, string?)>((null, "no video"));
        if (!IsInsideOutputs(video)) return Task.FromResult<(VideoTiming?, string?)>((null, "the video is not a file inside the outputs folder"));
        return _timings.GetOrAdd(item.Index, _ => new Lazy<Task<(VideoTiming?, string?)>>(() => ProbeAsync(video))).Value.WaitAsync(ct);
    }

    /// <summary>ffprobe's timing; its error names the video as it sits in the outputs folder
    /// ("exp/model/task/id/video/v.mp4: Invalid data..."), not by the server's absolute path.</summary>
    private async Task<(VideoTiming? Timing, string? Error)> ProbeAsync(string video)
    {
        var (timing, error) = await VideoProbe.TimingAsync(video, CancellationToken.None).ConfigureAwait(false);
        return (timing, error?.Replace(video, Path.GetRelativePath(_options.OutputsRoot, video), StringComparison.Ordinal));
    }

    /// <summary>The video's last frame as a PNG (extracted once, cached in evaluations/_frames), or null.</summary>
    public async Task<string?> LastFrameAsync(HumanItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (Details(item)?.Video is not { } video || !IsInsideOutputs(video)) return null;
        if (_lastFrames.TryGetValue(item.Index, out string? known) && File.Exists(known)) return known;
        var frames = await _frames.GetAsync(video, 1, 1, CancellationToken.None).WaitAsync(ct).ConfigureAwait(false);
        if (frames.Frames.Count == 0) return null;
        _lastFrames[item.Index] = frames.Frames[0];
        return frames.Frames[0];
    }

    /// <summary>Whether the file (every symbolic link followed) is a regular file inside the outputs
    /// folder: nothing outside it is read for a page, not even to probe it or take its last frame.</summary>
    private bool IsInsideOutputs(string path) => PathGuard.ResolveFileWithin(_options.OutputsRoot, path) is not null;

    /// <summary>Stops taking submissions, finishes the queued ones and their files, records how far
    /// the files are written, closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        await _background.CancelAsync().ConfigureAwait(false);
        try
        {
            await _import.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            _log.Warning($"the import of existing human-eval.json files stopped: {ex.Message}");
        }
        await _reader.ConfigureAwait(false);
        if (_writer is not null) await _writer.DisposeAsync().ConfigureAwait(false);
        await _files.StopAsync().ConfigureAwait(false);
        _store.Dispose();
        _background.Dispose();
    }
}
