using System.Buffers.Binary;
using System.Collections;
using System.IO.Hashing;
using System.Text;

namespace GapLens.Judging.Human;

/// <summary>
/// Who scores what next. Each annotator walks the items in an order of their own (shuffled with a
/// seed per annotator: a hash of the seed, the name and the item id, so adding items does not reorder
/// the rest); an item is handed to a browser session as a lease, and is offered while fewer than
/// <c>overlap</c> annotators hold it (a latest answer that is a score, or a live lease). With an
/// overlap above 1, an item someone else has already scored comes before a fresh one (the first such
/// item in the annotator's own order), so that the items scored so far reach their K annotators early
/// rather than when the whole set is nearly done; an item someone merely has open is not preferred
/// (two people are not steered onto the same item at the same moment, and orders stay their own).
/// An annotator
/// is never handed an item twice: going back to it is the only way to see it again. A lease ends with
/// a submission, when the session hands it back (Next without submitting), or when it expires, so an
/// abandoned browser does not block an item. Not thread-safe: the owner serialises access.
/// </summary>
public sealed class AssignmentQueue
{
    private readonly IReadOnlyList<HumanItem> _items;
    private readonly ScoreLedger _ledger;
    private readonly int _overlap;
    private readonly TimeSpan _leaseDuration;
    private readonly ulong _seed;
    private readonly Dictionary<string, AnnotatorState> _annotators = new(StringComparer.Ordinal);
    private readonly List<Lease>?[] _leases;
    private readonly BitArray _unservable;
    // Items that may be held by someone (a lease was given, or an answer came in): the candidates an
    // annotator is offered first when the overlap is above 1. Pruned as items turn out free or full.
    private readonly HashSet<int> _started = [];

    public AssignmentQueue(IReadOnlyList<HumanItem> items, ScoreLedger ledger, int overlap, TimeSpan leaseDuration, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(overlap, 1);
        _items = items;
        _ledger = ledger;
        _overlap = overlap;
        _leaseDuration = leaseDuration;
        _seed = seed;
        _leases = new List<Lease>?[items.Count];
        _unservable = new BitArray(items.Count);
    }

    public int Overlap => _overlap;

    /// <summary>Replays a logged assignment or release (at start-up, in log order).</summary>
    public void Replay(Assignment a)
    {
        ArgumentNullException.ThrowIfNull(a);
        if (_ledger.IndexOf(a.Item) is not { } i) return;
        var st = State(a.Annotator);
        if (a.Released)
        {
            Release(st, i, a.Session);
            return;
        }
        st.Seen[i] = true;
        var lease = new Lease(a.Annotator, a.Session, a.AtUtc);
        (_leases[i] ??= []).Add(lease);
        st.Held.Add((i, lease));
        _started.Add(i);
    }

    /// <summary>
    /// The item for this annotator's session: the one it holds (unless handed back with
    /// <paramref name="release"/>), else the next available one in the annotator's order, else null
    /// (nothing left for them). Returns the log records to append.
    /// </summary>
    public (int? Item, List<Assignment> Events) Next(string annotator, string session, int? release, DateTimeOffset now)
    {
        var st = State(annotator);
        var events = new List<Assignment>();
        if (release is { } r && Release(st, r, session)) events.Add(new Assignment(_items[r].Key, annotator, session, now, true));
        st.Held.RemoveAll(h => !IsLive(h.Item, h.Lease, now));
        foreach (var (item, lease) in st.Held)
        {
            if (lease.Session == session) return (item, events);
        }
        var order = st.Order ??= OrderFor(annotator);
        if (_overlap > 1 && StartedFor(st, now) is { } begun) return (Hand(st, begun, annotator, session, now, events), events);
        while (st.Cursor < order.Length && st.Seen[order[st.Cursor]]) st.Cursor++;
        for (int k = st.Cursor; k < order.Length; k++)
        {
            int i = order[k];
            if (st.Seen[i] || _unservable[i] || Holders(i, now) >= _overlap) continue;
            return (Hand(st, i, annotator, session, now, events), events);
        }
        return (null, events);
    }

    private int Hand(AnnotatorState st, int i, string annotator, string session, DateTimeOffset now, List<Assignment> events)
    {
        st.Seen[i] = true;
        var lease = new Lease(annotator, session, now);
        (_leases[i] ??= []).Add(lease);
        st.Held.Add((i, lease));
        _started.Add(i);
        events.Add(new Assignment(_items[i].Key, annotator, session, now, false));
        return i;
    }

    /// <summary>The first item in the annotator's order that someone has scored and fewer than the
    /// overlap hold (and the annotator has not seen), or null. Items found free or fully scored leave the set.</summary>
    private int? StartedFor(AnnotatorState st, DateTimeOffset now)
    {
        var rank = st.Rank ??= RankOf(st.Order!);
        int? best = null;
        List<int>? done = null;
        foreach (int i in _started)
        {
            int holders = _unservable[i] ? 0 : Holders(i, now);
            if (holders == 0 || _ledger.Scorers(i) >= _overlap)
            {
                (done ??= []).Add(i);
                continue;
            }
            if (holders >= _overlap || st.Seen[i] || _ledger.Scorers(i) == 0) continue;
            if (best is not { } b || rank[i] < rank[b]) best = i;
        }
        if (done is not null) _started.ExceptWith(done);
        return best;
    }

    private static int[] RankOf(int[] order)
    {
        var rank = new int[order.Length];
        for (int k = 0; k < order.Length; k++) rank[order[k]] = k;
        return rank;
    }

    /// <summary>An item found to have nothing to score (no run in its folder): never handed out again,
    /// and the leases on it end.</summary>
    public void MarkUnservable(int item)
    {
        _unservable[item] = true;
        if (_leases[item] is { } leases)
        {
            foreach (var l in leases) l.Released = true;
            leases.Clear();
        }
    }

    public bool IsUnservable(int item) => _unservable[item];

    /// <summary>Whether the annotator has been handed the item (or answered it).</summary>
    public bool HasSeen(string annotator, int item) => _annotators.TryGetValue(annotator, out var st) && st.Seen[item];

    /// <summary>Records that an annotator answered the item (every submission, with or without a lease:
    /// an answer, an import, a review): never handed to them again, and started for the others.</summary>
    public void MarkSeen(string annotator, int item)
    {
        State(annotator).Seen[item] = true;
        _started.Add(item);
    }

    /// <summary>Annotators holding the item now: a score as their latest answer, or a live lease.</summary>
    public int Holders(int item, DateTimeOffset now)
    {
        int n = _ledger.Scorers(item);
        if (_leases[item] is { } leases)
        {
            leases.RemoveAll(l => !IsLive(item, l, now));
            n += leases.Count;
        }
        return n;
    }

    /// <summary>Live leases on an item (for the progress page: items being looked at right now).</summary>
    public int LiveLeases(int item, DateTimeOffset now) => _leases[item] is { } l ? l.Count(x => IsLive(item, x, now)) : 0;

    /// <summary>The annotator's order of the items (indices).</summary>
    public int[] OrderFor(string annotator)
    {
        ArgumentNullException.ThrowIfNull(annotator);
        var keys = new ulong[_items.Count];
        Span<byte> seed = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(seed, _seed);
        var h = new XxHash64();
        byte[] name = Encoding.UTF8.GetBytes(annotator);
        for (int i = 0; i < keys.Length; i++)
        {
            h.Reset();
            h.Append(seed);
            h.Append(name);
            h.Append([0]);
            h.Append(Encoding.ASCII.GetBytes(_items[i].Id));
            keys[i] = h.GetCurrentHashAsUInt64();
        }
        var order = Enumerable.Range(0, keys.Length).ToArray();
        Array.Sort(keys, order);
        return order;
    }

    private bool IsLive(int item, Lease lease, DateTimeOffset now)
    {
        if (lease.Released || now - lease.At >= _leaseDuration) return false;
        // A submission after the lease was given ends it.
        return _ledger.LatestOf(item, lease.Annotator) is not { } s || s.SubmittedUtc < lease.At;
    }

    private static bool Release(AnnotatorState st, int item, string session)
    {
        int k = st.Held.FindIndex(h => h.Item == item && h.Lease.Session == session);
        if (k < 0) return false;
        st.Held[k].Lease.Released = true;
        st.Held.RemoveAt(k);
        return true;
    }

    private AnnotatorState State(string annotator)
    {
        if (!_annotators.TryGetValue(annotator, out var st)) _annotators[annotator] = st = new AnnotatorState(_items.Count);
        return st;
    }

    private sealed class AnnotatorState(int items)
    {
        public BitArray Seen { get; } = new(items);

        public int[]? Order { get; set; }

        public int[]? Rank { get; set; }

        public int Cursor { get; set; }

        public List<(int Item, Lease Lease)> Held { get; } = [];
    }

    private sealed class Lease(string annotator, string session, DateTimeOffset at)
    {
        public string Annotator { get; } = annotator;

        public string Session { get; } = session;

        public DateTimeOffset At { get; } = at;

        public bool Released { get; set; }
    }
}
