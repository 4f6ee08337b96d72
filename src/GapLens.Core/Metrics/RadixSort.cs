using System.Runtime.CompilerServices;

namespace GapLens.Core.Metrics;

/// <summary>
/// Sorting doubles by their bits: each finite double maps to an unsigned key whose order is the
/// numeric order (<see cref="KeyOf"/>), and the keys are radix sorted (<see cref="Sort"/>). O(n) and
/// about ten times faster than a comparison sort on millions of nearly distinct scores.
/// </summary>
internal static class RadixSort
{
    private const ulong SignBit = 0x8000000000000000UL;

    /// <summary>The sort key of a double (not NaN): -0.0 and 0.0 share one key, that of 0.0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong KeyOf(double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value == 0 ? 0.0 : value);
        return (bits & SignBit) != 0 ? ~bits : bits | SignBit;
    }

    /// <summary>The double of a key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ValueOf(ulong key) => BitConverter.UInt64BitsToDouble((key & SignBit) != 0 ? key & ~SignBit : ~key);

    /// <summary>Keys a least-significant-digit sort handles in cache: these keys and their scratch
    /// (1 MiB together) stay in a core's L2, so its passes do not go to memory.</summary>
    internal const int InCacheKeys = 1 << 16;

    /// <summary>Sorts <paramref name="keys"/> ascending; <paramref name="scratch"/> is a buffer at least as long.</summary>
    /// <remarks>
    /// Up to <see cref="InCacheKeys"/> keys: a least-significant-digit sort (eight 8-bit digits; a digit
    /// the same in every key, such as the zero low bytes of single-precision scores, costs no pass);
    /// up to 48, an insertion sort. More keys: one most-significant-digit pass on the top 8 of the bits
    /// that differ splits them into 256 buckets (two passes over memory), and each bucket is sorted the
    /// same way, in cache once small enough. On 2M full-precision scores this is 50 ms against 83 ms
    /// for eight least-significant-digit passes over memory (<c>GapLens.Bench sweep</c>; docs/benchmarks.md).
    /// </remarks>
    public static void Sort(Span<ulong> keys, Span<ulong> scratch)
    {
        if (keys.Length < 2) return;
        if (scratch.Length < keys.Length) throw new ArgumentException("scratch is shorter than keys", nameof(scratch));
        var counts = new int[8 * 256];
        SortInto(keys, scratch[..keys.Length], counts);
    }

    /// <summary>
    /// Sorts each segment of <paramref name="keys"/> (start, length) ascending on its own, on every
    /// core: each segment larger than <see cref="InCacheKeys"/> is split by its first
    /// most-significant-digit pass (the segments at once), then all buckets and small segments are
    /// sorted by as many threads as there are cores, the largest first. The same keys in the same
    /// order as <see cref="Sort"/> on each segment. On 2M full-precision scores, 92% of them in one
    /// class, the class no longer keeps one core busy while the other waits.
    /// </summary>
    /// <param name="keys">The keys; the segments must not overlap.</param>
    /// <param name="scratch">A buffer as long as <paramref name="keys"/>.</param>
    /// <param name="segments">The parts to sort, each on its own.</param>
    public static void SortSegments(ulong[] keys, ulong[] scratch, params (int Start, int Length)[] segments)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(scratch);
        ArgumentNullException.ThrowIfNull(segments);
        if (scratch.Length < keys.Length) throw new ArgumentException("scratch is shorter than keys", nameof(scratch));
        var pieces = new List<(int Start, int Length)>[segments.Length];
        Parallel.For(0, segments.Length, s =>
        {
            var (start, length) = segments[s];
            pieces[s] = [];
            if (length <= InCacheKeys)
            {
                if (length > 1) pieces[s].Add((start, length));
                return;
            }
            Span<int> bucketStart = stackalloc int[257];
            if (!Distribute(keys.AsSpan(start, length), scratch.AsSpan(start, length), bucketStart)) return;
            for (int b = 0; b < 256; b++)
            {
                int lo = bucketStart[b], len = bucketStart[b + 1] - lo;
                if (len > 1) pieces[s].Add((start + lo, len));
            }
        });
        var work = pieces.SelectMany(p => p).OrderByDescending(p => p.Length).ToArray();
        int next = -1;
        Parallel.For(0, Math.Min(Environment.ProcessorCount, work.Length), _ =>
        {
            var counts = new int[8 * 256];
            int i;
            while ((i = Interlocked.Increment(ref next)) < work.Length)
            {
                var (start, length) = work[i];
                SortInto(keys.AsSpan(start, length), scratch.AsSpan(start, length), counts);
            }
        });
    }

    private static void SortInto(Span<ulong> keys, Span<ulong> scratch, int[] counts)
    {
        int n = keys.Length;
        if (n <= 48)
        {
            InsertionSort(keys);
            return;
        }
        if (n <= InCacheKeys)
        {
            SortLsd(keys, scratch, counts);
            return;
        }
        Span<int> bucketStart = stackalloc int[257];
        if (!Distribute(keys, scratch, bucketStart)) return;
        for (int b = 0; b < 256; b++)
        {
            int lo = bucketStart[b], len = bucketStart[b + 1] - lo;
            if (len > 1) SortInto(keys.Slice(lo, len), scratch.Slice(lo, len), counts);
        }
    }

    /// <summary>One most-significant-digit pass on the top 8 of the bits that differ: the keys end up
    /// in 256 buckets in order, <paramref name="bucketStart"/>[b] where bucket b starts (257 entries).
    /// False when nothing is left to sort (all keys equal, or the digit was the last one).</summary>
    private static bool Distribute(Span<ulong> keys, Span<ulong> scratch, Span<int> bucketStart)
    {
        ulong first = keys[0], differ = 0;
        foreach (ulong k in keys) differ |= k ^ first;
        if (differ == 0) return false; // all equal
        int shift = Math.Max(0, 63 - System.Numerics.BitOperations.LeadingZeroCount(differ) - 7);
        Span<int> next = stackalloc int[256];
        bucketStart.Clear();
        foreach (ulong k in keys) bucketStart[1 + (int)((k >> shift) & 0xFF)]++;
        for (int b = 0; b < 256; b++) bucketStart[b + 1] += bucketStart[b];
        bucketStart[..256].CopyTo(next);
        foreach (ulong k in keys) scratch[next[(int)((k >> shift) & 0xFF)]++] = k;
        scratch.CopyTo(keys);
        return shift != 0; // at shift 0 the bucket was the last digit: each bucket holds one value
    }

    /// <summary>Insertion sort, for the few keys of a bucket.</summary>
    private static void InsertionSort(Span<ulong> keys)
    {
        for (int i = 1; i < keys.Length; i++)
        {
            ulong k = keys[i];
            int j = i - 1;
            while (j >= 0 && keys[j] > k)
            {
                keys[j + 1] = keys[j];
                j--;
            }
            keys[j + 1] = k;
        }
    }

    /// <summary>Least-significant-digit radix sort (eight 8-bit digits; a digit every key shares costs no pass).</summary>
    private static void SortLsd(Span<ulong> keys, Span<ulong> scratch, int[] counts)
    {
        int n = keys.Length;
        if (n < 2) return;
        Array.Clear(counts);
        foreach (ulong k in keys)
        {
            counts[(int)(k & 0xFF)]++;
            counts[256 + (int)((k >> 8) & 0xFF)]++;
            counts[512 + (int)((k >> 16) & 0xFF)]++;
            counts[768 + (int)((k >> 24) & 0xFF)]++;
            counts[1024 + (int)((k >> 32) & 0xFF)]++;
            counts[1280 + (int)((k >> 40) & 0xFF)]++;
            counts[1536 + (int)((k >> 48) & 0xFF)]++;
            counts[1792 + (int)(k >> 56)]++;
        }
        Span<ulong> from = keys, to = scratch[..n];
        Span<int> offsets = stackalloc int[256];
        for (int digit = 0; digit < 8; digit++)
        {
            var c = counts.AsSpan(digit * 256, 256);
            int shift = digit * 8;
            if (c[(int)((from[0] >> shift) & 0xFF)] == n) continue; // every key has this digit
            int sum = 0;
            for (int b = 0; b < 256; b++)
            {
                offsets[b] = sum;
                sum += c[b];
            }
            foreach (ulong k in from) to[offsets[(int)((k >> shift) & 0xFF)]++] = k;
            var swap = from;
            from = to;
            to = swap;
        }
        if (from != keys) from.CopyTo(keys);
    }
}
