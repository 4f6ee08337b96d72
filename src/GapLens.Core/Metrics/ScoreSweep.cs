using System.Runtime.CompilerServices;

namespace GapLens.Core.Metrics;

/// <summary>
/// The one sweep primitive under every threshold metric: scores sorted once (O(n log n)) and grouped
/// into tie groups by distinct value, with cumulative positive/negative counts. From it, the confusion counts
/// at any threshold under either rule (<c>score &gt; t</c> or <c>score &gt;= t</c>) cost O(log n),
/// and all candidates of a curve O(distinct scores).
/// </summary>
public sealed class ScoreSweep
{
    private readonly double[] _distinct;   // ascending; the first _groups entries are used
    private readonly int _groups;
    // Cumulative counts as int (a span holds at most int.MaxValue rows): millions of distinct scores
    // cost 16 bytes each here, not 24.
    private readonly int[] _posAtOrBelow; // positives with score <= _distinct[i]
    private readonly int[] _negAtOrBelow;

    private ScoreSweep(double[] distinct, int[] pos, int[] neg, long totalPos, long totalNeg, int groups = -1)
    {
        _distinct = distinct;
        _groups = groups < 0 ? distinct.Length : groups;
        _posAtOrBelow = pos;
        _negAtOrBelow = neg;
        Positives = totalPos;
        Negatives = totalNeg;
    }

    public long Positives { get; }

    public long Negatives { get; }

    public long Count => Positives + Negatives;

    /// <summary>Distinct scores, ascending.</summary>
    public ReadOnlySpan<double> DistinctScores => _distinct.AsSpan(0, _groups);

    /// <summary>
    /// Builds the sweep. Scores must not be NaN. Scores often repeat (model outputs are rounded), so
    /// tie groups are first counted with a hash map (O(n) plus a sort of the distinct values); when
    /// most scores turn out to be distinct (full-precision classifier outputs), each class is radix
    /// sorted on its own and the two are merged into tie groups.
    /// </summary>
    public static ScoreSweep Build(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        if (scores.Length != positive.Length) throw new ArgumentException("scores and labels differ in length", nameof(positive));
        if (HasNaN(scores)) throw new ArgumentException("scores must not be NaN", nameof(scores));
        return TryBuildByCounting(scores, positive) ?? BuildBySorting(scores, positive);
    }

    private static bool HasNaN(ReadOnlySpan<double> scores)
    {
        foreach (double s in scores)
        {
            if (double.IsNaN(s)) return true;
        }
        return false;
    }

    /// <summary>Tie groups counted with a hash map; null (given up early) when the scores are mostly distinct.</summary>
    internal static ScoreSweep? TryBuildByCounting(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        int limit = Math.Max(1024, scores.Length / 8);
        // Mostly distinct scores show early: more than a quarter distinct among the first 64K rows.
        const int Probe = 1 << 16;
        var slots = new Dictionary<double, int>();
        var posCount = new List<long>();
        var negCount = new List<long>();
        for (int i = 0; i < scores.Length; i++)
        {
            // -0.0 and 0.0 are one tie group (they compare equal), as in the sorted path.
            double key = scores[i] == 0 ? 0.0 : scores[i];
            if (!slots.TryGetValue(key, out int slot))
            {
                if (slots.Count >= limit || (i >= Probe && slots.Count > Probe / 4 && slots.Count * 2 > i)) return null;
                slot = slots.Count;
                slots.Add(key, slot);
                posCount.Add(0);
                negCount.Add(0);
            }
            if (positive[i]) posCount[slot]++;
            else negCount[slot]++;
        }
        var distinct = slots.Keys.ToArray();
        var order = slots.Values.ToArray();
        Array.Sort(distinct, order);
        var pos = new int[distinct.Length];
        var neg = new int[distinct.Length];
        int p = 0, n = 0;
        for (int k = 0; k < distinct.Length; k++)
        {
            p += (int)posCount[order[k]];
            n += (int)negCount[order[k]];
            pos[k] = p;
            neg[k] = n;
        }
        return new ScoreSweep(distinct, pos, neg, p, n);
    }

    /// <summary>
    /// Tie groups by sorting: the scores of each class are radix sorted on their own (the buckets of
    /// both classes on every core), then merged, so no label has to travel with its score through the sort.
    /// </summary>
    internal static ScoreSweep BuildBySorting(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive)
    {
        int totalPos = 0;
        foreach (bool b in positive) totalPos += b ? 1 : 0;
        var keys = GC.AllocateUninitializedArray<ulong>(scores.Length);
        int ip = 0, ineg = totalPos; // positives first, then negatives
        for (int i = 0; i < scores.Length; i++)
        {
            // Branch-free: the classes interleave at random, a branch on them mispredicts often.
            int isPos = positive[i] ? 1 : 0;
            keys[isPos != 0 ? ip : ineg] = RadixSort.KeyOf(scores[i]);
            ip += isPos;
            ineg += 1 - isPos;
        }
        var scratch = GC.AllocateUninitializedArray<ulong>(scores.Length);
        RadixSort.SortSegments(keys, scratch, (0, totalPos), (totalPos, scores.Length - totalPos));
        return Merge(keys.AsSpan(0, totalPos), keys.AsSpan(totalPos));
    }

    /// <summary>The k-th smallest score (0-based) of the negatives, in O(log n): the tie group where
    /// the negatives' cumulative count first passes k. -0.0 reads as 0.0 (one tie group).</summary>
    public double NegativeAt(long k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(k, Negatives);
        int lo = 0, hi = _groups - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_negAtOrBelow[mid] > k) hi = mid;
            else lo = mid + 1;
        }
        return _distinct[lo];
    }

    /// <summary>Merges the sorted keys of the two classes into tie groups with cumulative counts.</summary>
    private static ScoreSweep Merge(ReadOnlySpan<ulong> pos, ReadOnlySpan<ulong> neg)
    {
        // One pass into arrays of the most groups there can be (every key its own group), of which
        // the first g are used: nearly distinct scores, the case that comes here, fill almost all, and
        // the pages of an unused tail are never written (the arrays are not zeroed), so never resident.
        int most = pos.Length + neg.Length;
        var distinct = GC.AllocateUninitializedArray<double>(most);
        var posLe = GC.AllocateUninitializedArray<int>(most);
        var negLe = GC.AllocateUninitializedArray<int>(most);
        int g = 0, i = 0, j = 0;
        while (i < pos.Length && j < neg.Length)
        {
            ulong p = pos[i], q = neg[j];
            ulong k = p <= q ? p : q;
            // Ties are rare in this path: one step past each side's equal keys.
            if (p == k) do i++; while (i < pos.Length && pos[i] == k);
            if (q == k) do j++; while (j < neg.Length && neg[j] == k);
            distinct[g] = RadixSort.ValueOf(k);
            posLe[g] = i;
            negLe[g] = j;
            g++;
        }
        for (; i < pos.Length; g++)
        {
            ulong k = pos[i];
            do i++; while (i < pos.Length && pos[i] == k);
            distinct[g] = RadixSort.ValueOf(k);
            posLe[g] = i;
            negLe[g] = j;
        }
        for (; j < neg.Length; g++)
        {
            ulong k = neg[j];
            do j++; while (j < neg.Length && neg[j] == k);
            distinct[g] = RadixSort.ValueOf(k);
            posLe[g] = i;
            negLe[g] = j;
        }
        return new ScoreSweep(distinct, posLe, negLe, pos.Length, neg.Length, g);
    }

    /// <summary>Confusion counts of the positive class when predicting positive for <c>score &gt; t</c>.</summary>
    public BinaryConfusion AtStrict(double t)
    {
        int i = UpperBound(t); // number of distinct scores <= t
        long posLe = i == 0 ? 0 : _posAtOrBelow[i - 1];
        long negLe = i == 0 ? 0 : _negAtOrBelow[i - 1];
        return new BinaryConfusion(Positives - posLe, Negatives - negLe, negLe, posLe);
    }

    /// <summary>Confusion counts when predicting positive for <c>score &gt;= t</c>.</summary>
    public BinaryConfusion AtInclusive(double t)
    {
        int i = LowerBound(t); // number of distinct scores < t
        long posLt = i == 0 ? 0 : _posAtOrBelow[i - 1];
        long negLt = i == 0 ? 0 : _negAtOrBelow[i - 1];
        return new BinaryConfusion(Positives - posLt, Negatives - negLt, negLt, posLt);
    }

    /// <summary>Positives with a score at or below the k-th distinct score (ascending).</summary>
    public long PositivesAtOrBelow(int k) => _posAtOrBelow[k];

    /// <summary>Negatives with a score at or below the k-th distinct score (ascending).</summary>
    public long NegativesAtOrBelow(int k) => _negAtOrBelow[k];

    /// <summary>Counts under the strict rule at the k-th distinct score (ascending), in O(1).</summary>
    public BinaryConfusion AtDistinctStrict(int k) =>
        new(Positives - _posAtOrBelow[k], Negatives - _negAtOrBelow[k], _negAtOrBelow[k], _posAtOrBelow[k]);

    /// <summary>Counts under the inclusive rule at the k-th distinct score (ascending), in O(1).</summary>
    public BinaryConfusion AtDistinctInclusive(int k)
    {
        long posLt = k == 0 ? 0 : _posAtOrBelow[k - 1];
        long negLt = k == 0 ? 0 : _negAtOrBelow[k - 1];
        return new BinaryConfusion(Positives - posLt, Negatives - negLt, negLt, posLt);
    }

    private int UpperBound(double t)
    {
        int lo = 0, hi = _groups;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_distinct[mid] <= t) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private int LowerBound(double t)
    {
        int lo = 0, hi = _groups;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_distinct[mid] < t) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
