namespace GapLens.Judging.Human;

/// <summary>
/// The current state derived from the submission log, kept up to date as submissions are appended:
/// every submission per item, each annotator's latest one, and how many annotators currently give an
/// item a score. Submissions for keys that are not served items (imported scores of removed videos)
/// are kept apart. Not thread-safe: the owner serialises access.
/// </summary>
public sealed class ScoreLedger
{
    private readonly Dictionary<ItemKey, int> _index;
    private readonly List<HumanSubmission>[] _log;
    private readonly Dictionary<string, HumanSubmission>[] _latest;
    private readonly int[] _scorers;
    private readonly HashSet<(ItemKey, string, long, int?, string)> _contents = [];

    public ScoreLedger(IReadOnlyList<ItemKey> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _index = new Dictionary<ItemKey, int>(items.Count);
        for (int i = 0; i < items.Count; i++) _index[items[i]] = i;
        _log = new List<HumanSubmission>[items.Count];
        _latest = new Dictionary<string, HumanSubmission>[items.Count];
        _scorers = new int[items.Count];
    }

    /// <summary>Grows with every change (cache key for derived views).</summary>
    public long Version { get; private set; }

    public int Count { get; private set; }

    public long MaxId { get; private set; }

    /// <summary>Submissions whose key is not a served item.</summary>
    public List<HumanSubmission> Orphans { get; } = [];

    public int? IndexOf(ItemKey key) => _index.TryGetValue(key, out int i) ? i : null;

    /// <summary>Adds a stored submission (in id order).</summary>
    public void Add(HumanSubmission s)
    {
        ArgumentNullException.ThrowIfNull(s);
        Version++;
        Count++;
        MaxId = Math.Max(MaxId, s.Id);
        _contents.Add(ContentKey(s.Item, s.Annotator, s.SubmittedUtc, s.Score, s.Comments));
        if (!_index.TryGetValue(s.Item, out int i))
        {
            Orphans.Add(s);
            return;
        }
        (_log[i] ??= []).Add(s);
        var latest = _latest[i] ??= new Dictionary<string, HumanSubmission>(StringComparer.Ordinal);
        bool scoredBefore = latest.TryGetValue(s.Annotator, out var had) && had.Score is not null;
        if (had is null || had.Id < s.Id) latest[s.Annotator] = s;
        bool scoredNow = latest[s.Annotator].Score is not null;
        _scorers[i] += (scoredNow ? 1 : 0) - (scoredBefore ? 1 : 0);
    }

    /// <summary>Whether a submission with this content (item, annotator, time to the millisecond,
    /// score, comments) is already in the log: an import of it would be a duplicate.</summary>
    public bool Contains(ItemKey item, string annotator, DateTimeOffset at, int? score, string comments) =>
        _contents.Contains(ContentKey(item, annotator, at, score, comments));

    private static (ItemKey, string, long, int?, string) ContentKey(ItemKey item, string annotator, DateTimeOffset at, int? score, string comments) =>
        (item, annotator, at.ToUnixTimeMilliseconds(), score, comments);

    /// <summary>Every submission on an item, in log order.</summary>
    public IReadOnlyList<HumanSubmission> Log(int item) => _log[item] ?? (IReadOnlyList<HumanSubmission>)[];

    /// <summary>Each annotator's latest submission on an item, sorted by annotator.</summary>
    public List<HumanSubmission> Latest(int item) =>
        _latest[item] is { } d ? [.. d.Values.OrderBy(s => s.Annotator, StringComparer.Ordinal)] : [];

    public HumanSubmission? LatestOf(int item, string annotator) =>
        _latest[item] is { } d && d.TryGetValue(annotator, out var s) ? s : null;

    /// <summary>How many annotators' latest answer on the item is a score (not "unsure").</summary>
    public int Scorers(int item) => _scorers[item];

    public int ItemCount => _scorers.Length;
}
