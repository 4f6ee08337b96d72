namespace GapLens.Slices;

/// <summary>The candidates with the largest keys seen so far, at most <c>capacity</c> of them (a min-heap).</summary>
internal sealed class SlicePool(int capacity)
{
    private readonly PriorityQueue<SliceCandidate, double> _heap = new();

    /// <summary>Candidates offered (eligible slices).</summary>
    public long Offered { get; private set; }

    /// <summary>Whether a candidate was ever turned away or evicted (the pool is not everything offered).</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Notes that an eligible candidate was turned away without being offered.</summary>
    public void MarkOverflow() => Overflowed = true;

    public bool WouldAccept(double key) => _heap.Count < capacity || key > _heap.Peek().Key;

    public void Offer(SliceCandidate c)
    {
        Offered++;
        if (_heap.Count < capacity)
        {
            _heap.Enqueue(c, c.Key);
            return;
        }
        Overflowed = true;
        if (c.Key > _heap.Peek().Key) _heap.DequeueEnqueue(c, c.Key);
    }

    /// <summary>Everything kept, largest key first (ties: smaller p-value, then fewer predicates, then the earlier label order).</summary>
    public IEnumerable<SliceCandidate> Items => _heap.UnorderedItems.Select(x => x.Element)
        .OrderByDescending(c => c.Key).ThenBy(c => c.PValue).ThenBy(c => c.Predicates.Length);
}
