using System.Collections.Concurrent;
using System.Collections.Immutable;
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
/// which item next. Thread-safe: reads and assignments run under one lock on in-memory state; every
/// write goes through the single <see cref="SubmissionWriter"/>.
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
    private readonly ConcurrentDictionary<int, Lazy<Task<(VideoTiming?, string?)>>> _timings = new();
    private readonly ConcurrentDictionary<int, string> _lastFrames = new();
    private SubmissionWriter? _writer;
    private JudgeScores _judges = JudgeScores.Empty;
    private Task<JudgeScores>? _judgeLoad;
    private (long Version, DateTimeOffset Judges, HumanPanel Panel)? _panel;
    private int _sessionSubmissions;

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
    }

    public ImmutableArray<HumanItem> Items => _items;

    public int Overlap => _options.Overlap;

    public string StorePath => _store.Path;

    public string OutputsRoot => _options.OutputsRoot;

    public string EvaluationsRoot => _options.EvaluationsRoot;

    /// <summary>Signs session cookies (kept in the store so that sessions survive a restart).</summary>
    public byte[] Secret { get; private set; } = [];

    /// <summary>What the start-up import found: files read, submissions added, unreadable files.</summary>
    public (int Files, int Submissions, IReadOnlyList<(string File, string Problem)> Bad) Imported { get; private set; } = (0, 0, []);

    /// <summary>Submissions acknowledged since this service started.</summary>
    public int SessionSubmissions => Volatile.Read(ref _sessionSubmissions);

    /// <summary>
    /// Reads the outputs folder, opens (or creates) the store, replays the log, imports existing
    /// human-eval.json files, rewrites the files a crash may have left behind, and starts the writer.
    /// </summary>
    public static HumanScoring Open(HumanScoringOptions options, RunLog log, TimeProvider time, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(time);
        var scanned = VmOutputs.Scan(options.OutputsRoot);
        if (scanned.Count == 0) throw new UserInputException($"no items to score under {options.OutputsRoot} (expected <experiment>/<model>/<task_type>/<task_id>/ folders with video/ and question/)");
        var items = ImmutableArray.CreateBuilder<HumanItem>(scanned.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in scanned)
        {
            var key = ItemKey.Of(v);
            string id = key.Id();
            if (!ids.Add(id)) throw new InvalidOperationException($"two items share the id {id}: {key}");
            items.Add(new HumanItem(items.Count, id, key, v));
        }
        ct.ThrowIfCancellationRequested();
        var store = HumanScoreStore.Open(options.StorePath);
        var service = new HumanScoring(options, log, time, items.MoveToImmutable(), store);
        try
        {
            service.Start(ct);
        }
        catch
        {
            store.Dispose();
            throw;
        }
        return service;
    }

    private void Start(CancellationToken ct)
    {
        Secret = _store.Secret;
        long watermark = _store.FilesSyncedThrough;
        foreach (var s in _store.ReadSubmissions()) AddToLedger(s);
        foreach (var a in _store.ReadAssignments()) _queue.Replay(a);
        var stale = new HashSet<int>();
        for (int i = 0; i < _items.Length; i++)
        {
            if (_ledger.Log(i).Any(s => s.Id > watermark)) stale.Add(i);
        }
        ct.ThrowIfCancellationRequested();

        // Import: every answer of an existing human-eval.json that the log does not hold yet.
        var (files, bad) = HumanEvalImport.Scan(_options.EvaluationsRoot);
        foreach (var (file, problem) in bad) _log.Warning($"Unreadable human-eval.json, not imported: {problem}");
        var fresh = new List<HumanSubmission>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            foreach (var s in HumanEvalImport.Submissions(f))
            {
                if (!_ledger.Contains(s.Item, s.Annotator, s.SubmittedUtc, s.Score, s.Comments) && seen.Add(s.RequestId!)) fresh.Add(s);
            }
        }
        var importedItems = new HashSet<int>();
        if (fresh.Count > 0)
        {
            var itemsBefore = fresh.Select(s => _ledger.IndexOf(s.Item)).OfType<int>().Where(i => _ledger.Log(i).Count > 0).ToHashSet();
            foreach (var stored in _store.Append(fresh, []))
            {
                if (!stored.IsNew) continue;
                AddToLedger(stored.Submission);
                if (_ledger.IndexOf(stored.Submission.Item) is { } i) importedItems.Add(i);
            }
            // A file that gained answers from elsewhere is rewritten with everyone's; a file imported
            // alone already says what the log says.
            stale.UnionWith(itemsBefore);
            _log.Info(string.Create(CultureInfo.InvariantCulture, $"Imported {fresh.Count} answer(s) from {files.Count} human-eval.json file(s) ({importedItems.Count} item(s))"));
        }
        Imported = (files.Count, fresh.Count, bad);
        if (_ledger.Orphans.Count > 0)
        {
            _log.Warning(string.Create(CultureInfo.InvariantCulture, $"{_ledger.Orphans.Count} human submission(s) are for items not under {_options.OutputsRoot}; they are kept in the log and left out of the pages"));
        }

        // Files a killed server did not get to rewrite (and files that gained imported answers).
        if (stale.Count > 0)
        {
            Parallel.ForEach(stale, i =>
            {
                // A killed writer may have left its temporary beside the file (never a file that looks complete).
                string dir = Path.GetDirectoryName(HumanConsensus.FilePath(_options.EvaluationsRoot, _items[i].Key))!;
                if (Directory.Exists(dir))
                {
                    foreach (string f in Directory.EnumerateFiles(dir).Where(f => AtomicFile.IsTempName(Path.GetFileName(f)))) File.Delete(f);
                }
                HumanConsensus.WriteFile(_options.EvaluationsRoot, _items[i].Key, _ledger.Latest(i));
            });
            _log.Info(string.Create(CultureInfo.InvariantCulture, $"Rewrote {stale.Count} human-eval.json file(s) from the log"));
        }
        if (_ledger.MaxId != watermark) _store.Append([], [], _ledger.MaxId);
        _writer = new SubmissionWriter(_store, _ledger.MaxId, AfterCommit, _log);
    }

    private void AddToLedger(HumanSubmission s)
    {
        _ledger.Add(s);
        if (_ledger.IndexOf(s.Item) is { } i) _queue.MarkSeen(s.Annotator, i);
    }

    /// <summary>On the writer's thread, after a commit: the new submissions join the derived state and
    /// their items' files are rewritten (before anyone is told the submission is saved).</summary>
    private bool AfterCommit(IReadOnlyList<StoredSubmission> stored)
    {
        var touched = new HashSet<int>();
        lock (_gate)
        {
            foreach (var s in stored)
            {
                if (!s.IsNew) continue;
                AddToLedger(s.Submission);
                if (_ledger.IndexOf(s.Submission.Item) is { } i) touched.Add(i);
            }
        }
        Interlocked.Add(ref _sessionSubmissions, stored.Count(s => s.IsNew));
        bool ok = true;
        Parallel.ForEach(touched, i =>
        {
            List<HumanSubmission> latest;
            lock (_gate) latest = _ledger.Latest(i);
            try
            {
                HumanConsensus.WriteFile(_options.EvaluationsRoot, _items[i].Key, latest);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ok = false;
                _log.Error($"could not rewrite {HumanConsensus.FilePath(_options.EvaluationsRoot, _items[i].Key)}: {ex.Message} (the submission is saved; the file is rewritten at the next start)");
            }
        });
        return ok;
    }

    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_time.GetUtcNow().ToUnixTimeMilliseconds());

    public HumanItem? Find(string? id) => ItemKey.IsIdShaped(id) && _byId.TryGetValue(id!, out var item) ? item : null;

    /// <summary>The item for this annotator's browser session (see <see cref="AssignmentQueue.Next"/>).</summary>
    public NextResult Next(string? annotator, string session, string? releaseId)
    {
        string name = InputRules.Name(annotator);
        int? release = releaseId is null ? null : Find(releaseId)?.Index;
        int? item;
        List<Assignment> events;
        lock (_gate)
        {
            (item, events) = _queue.Next(name, session, release, Now());
        }
        _writer!.Assign(events);
        if (item is { } i) return new NextResult(_items[i], null);
        string message = _options.Overlap == 1
            ? "Nothing left for you: every item is scored, or being scored by someone else right now."
            : string.Create(CultureInfo.InvariantCulture, $"Nothing left for you: every item you have not seen already has {_options.Overlap} annotators (or is being scored right now).");
        return new NextResult(null, message);
    }

    /// <summary>
    /// Checks and appends one submission; returns it once it is on disk and the item's human-eval.json
    /// is rewritten. Null when the item id is unknown. A retried request (same request id) returns the
    /// first one's record.
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
        if (input.RequestId is { } rid && (rid.Length is < 8 or > 64 || !rid.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            throw new UserInputException("request_id must be 8-64 letters, digits, '-' or '_'");
        }
        var stored = await _writer!.SubmitAsync(new HumanSubmission(0, item.Key, name, score, comments, Now(), input.TimeSpentMs, input.Blind,
            input.Session, input.Source, input.RequestId)).WaitAsync(ct).ConfigureAwait(false);
        return stored.Submission;
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

    /// <summary>Counts overall, per model, per task type and per annotator, from the latest answers.</summary>
    public ScoringProgress Progress()
    {
        var now = Now();
        var state = new (int Scorers, bool UnsureOnly, bool InProgress)[_items.Length];
        var perAnnotator = new Dictionary<string, List<HumanSubmission>>(StringComparer.Ordinal);
        int submissions, orphans;
        lock (_gate)
        {
            for (int i = 0; i < _items.Length; i++)
            {
                var log = _ledger.Log(i);
                int scorers = _ledger.Scorers(i);
                state[i] = (scorers, scorers == 0 && log.Count > 0, _queue.LiveLeases(i, now) > 0);
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

    /// <summary>The judges' score files, read in the background and refreshed at most every 30 s (a
    /// judge may be running beside the server). The first call waits for the first read.</summary>
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
        if (item.Source.Video is not { } video) return Task.FromResult<(VideoTiming?, string?)>((null, "no video"));
        return _timings.GetOrAdd(item.Index, _ => new Lazy<Task<(VideoTiming?, string?)>>(() => VideoProbe.TimingAsync(video, CancellationToken.None))).Value.WaitAsync(ct);
    }

    /// <summary>The video's last frame as a PNG (extracted once, cached in evaluations/_frames), or null.</summary>
    public async Task<string?> LastFrameAsync(HumanItem item, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Source.Video is not { } video) return null;
        if (_lastFrames.TryGetValue(item.Index, out string? known) && File.Exists(known)) return known;
        var frames = await _frames.GetAsync(video, 1, 1, CancellationToken.None).WaitAsync(ct).ConfigureAwait(false);
        if (frames.Count == 0) return null;
        _lastFrames[item.Index] = frames[0];
        return frames[0];
    }

    /// <summary>Stops taking submissions, finishes the queued ones, records how far the files are
    /// written, closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_writer is not null) await _writer.DisposeAsync().ConfigureAwait(false);
        _store.Dispose();
    }
}
