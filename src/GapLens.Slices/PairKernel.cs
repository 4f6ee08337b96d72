using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GapLens.Slices;

/// <summary>
/// Counts every pair of single-valued features of a group in one pass over the samples: per thread a
/// dense table per pair (cell (x, z, class), x and z the predicate indices, the last index of each
/// standing for "no predicate"), filled block by block from the features' codes mapped once per block
/// (so a block's codes stay in the L1/L2 cache while every pair of the group reads them), then summed.
/// </summary>
internal static class PairKernel
{
    private const int Block = 1024;

    /// <summary>Consecutive pairs grouped so each group's tables fit <see cref="SliceSearch.GroupCells"/> (a larger pair stands alone).</summary>
    public static IEnumerable<List<(int A, int B)>> Groups(List<(int A, int B)> pairs, Func<int, int, int> cells)
    {
        var group = new List<(int A, int B)>();
        long size = 0;
        foreach (var p in pairs)
        {
            int c = cells(p.A, p.B);
            if (group.Count > 0 && size + c > SliceSearch.GroupCells)
            {
                yield return group;
                group = [];
                size = 0;
            }
            group.Add(p);
            size += c;
        }
        if (group.Count > 0) yield return group;
    }

    /// <summary>The count table of each pair: index (x·(Vb+1) + z)·K + class, x in [0, Va] (Va: no predicate).</summary>
    public static long[][] Count(FeatureTable t, List<(int A, int B)> pairs, int[][] map, int[][] frequent, int k, CancellationToken ct)
    {
        var features = pairs.SelectMany(p => new[] { p.A, p.B }).Distinct().Order().ToArray();
        var local = new Dictionary<int, int>();
        for (int i = 0; i < features.Length; i++) local[features[i]] = i;
        // Per feature: value index -> predicate index, "no predicate" as the last index.
        var lookup = features.Select(f => map[f].Select(m => m >= 0 ? m : frequent[f].Length).ToArray()).ToArray();
        int np = pairs.Count;
        var offsets = new int[np + 1];
        var strides = new int[np];
        var first = new int[np];
        var second = new int[np];
        for (int p = 0; p < np; p++)
        {
            var (a, b) = pairs[p];
            strides[p] = (frequent[b].Length + 1) * k;
            offsets[p + 1] = offsets[p] + (frequent[a].Length + 1) * strides[p];
            first[p] = local[a];
            second[p] = local[b];
        }
        int n = t.RowCount;
        int threads = Math.Clamp(n / (1 << 16), 1, Environment.ProcessorCount);
        var totals = new long[offsets[np]];
        var gate = new object();
        Parallel.For(0, threads, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = threads }, th =>
        {
            int start = (int)((long)n * th / threads), end = (int)((long)n * (th + 1) / threads);
            var hist = new int[offsets[np]];
            var ma = new int[features.Length][];
            var mk = new int[features.Length][];
            for (int f = 0; f < features.Length; f++)
            {
                ma[f] = new int[Block];
                mk[f] = new int[Block];
            }
            var y = t.Outcome;
            for (int r0 = start; r0 < end; r0 += Block)
            {
                int len = Math.Min(Block, end - r0);
                for (int f = 0; f < features.Length; f++) MapBlock(t.Features[features[f]], lookup[f], y, k, r0, len, ma[f], mk[f]);
                for (int p = 0; p < np; p++) Accumulate(hist.AsSpan(offsets[p], offsets[p + 1] - offsets[p]), strides[p], ma[first[p]], mk[second[p]], len);
                if ((r0 & 0xFFFFF) == 0) ct.ThrowIfCancellationRequested();
            }
            lock (gate)
            {
                for (int i = 0; i < hist.Length; i++) totals[i] += hist[i];
            }
        });
        var result = new long[np][];
        for (int p = 0; p < np; p++) result[p] = totals[offsets[p]..offsets[p + 1]];
        return result;
    }

    /// <summary>A block's predicate indices (ma) and predicate index · K + class (mk) of one feature.</summary>
    internal static void MapBlock(FeatureColumn f, int[] lookup, ReadOnlySpan<byte> y, int k, int r0, int len, int[] ma, int[] mk)
    {
        if (f.ByteCodes is { } bytes)
        {
            var codes = bytes.AsSpan(r0, len);
            var ys = y.Slice(r0, len);
            for (int i = 0; i < codes.Length; i++)
            {
                int m = lookup[codes[i]];
                ma[i] = m;
                mk[i] = m * k + ys[i];
            }
        }
        else
        {
            var codes = f.IntCodes.AsSpan(r0, len);
            var ys = y.Slice(r0, len);
            for (int i = 0; i < codes.Length; i++)
            {
                int m = lookup[codes[i]];
                ma[i] = m;
                mk[i] = m * k + ys[i];
            }
        }
    }

    /// <summary>The hot loop: one increment per sample. Indices are in range by construction (predicate
    /// indices at most V, classes below K), so the table is addressed without bounds checks.</summary>
    private static void Accumulate(Span<int> table, int stride, int[] ma, int[] mk, int len)
    {
        ref int h = ref MemoryMarshal.GetReference(table);
        ref int a = ref MemoryMarshal.GetArrayDataReference(ma);
        ref int b = ref MemoryMarshal.GetArrayDataReference(mk);
        for (int i = 0; i < len; i++)
        {
            Unsafe.Add(ref h, Unsafe.Add(ref a, i) * stride + Unsafe.Add(ref b, i))++;
        }
    }
}
