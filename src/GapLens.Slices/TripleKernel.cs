using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GapLens.Slices;

/// <summary>
/// Counts every pair of single-valued one-byte features with about a third of the increments of one
/// table per pair: the pairs are covered by triples of features (greedily: each triple (a, b, c) covers
/// the pairs ab, ac and bc), one dense count table per triple over the features' raw value codes (cell
/// (x, y, z, class)) is filled straight from the columns' bytes (no mapping pass), and each pair's table
/// is that table summed over the third feature, with values below the support folded into the "no
/// predicate" index. A pair no triple can take (the table would pass <see cref="TripleCells"/>) is
/// counted alone. Units are grouped so a group's tables fit the L2 cache; each group is one pass over the
/// samples on every core, block by block (a block's bytes stay in the cache while every unit reads them).
/// The result equals <see cref="PairKernel.Count"/>'s, table by table.
/// </summary>
internal static class TripleKernel
{
    /// <summary>Cells of one triple table at most (32 KiB of counts: it stays in the L1 cache while a block is counted).</summary>
    internal const int TripleCells = 1 << 13;

    /// <summary>Bytes of all pair tables beyond which the pairs are counted group by group instead (<see cref="PairKernel"/>).</summary>
    internal const long MaxPairTableBytes = 256L << 20;

    private const int Block = 4096;

    /// <summary>Count cells of one group of triple tables (per thread).</summary>
    internal const int GroupCells = 1 << 18;

    /// <summary>One counting unit: features A &lt; B &lt; C (C = -1: the pair A, B alone) and the pairs it answers.</summary>
    internal sealed record Unit(int A, int B, int C, List<int> Pairs);

    /// <summary>Whether a pair can be counted here: two one-byte features whose raw table fits <see cref="SliceSearch.DensePairCells"/>.</summary>
    public static bool Takes(FeatureTable t, int a, int b, int k) =>
        t.Features[a].ByteCodes is not null && t.Features[b].ByteCodes is not null && Bits(Dim(t, a)) + Bits(Dim(t, b)) + Bits(k) <= 16;

    /// <summary>Whether every pair table may be held at once (then this kernel counts them all).</summary>
    public static bool Fits(List<(int A, int B)> pairs, int[][] frequent, int k)
    {
        long cells = 0;
        foreach (var (a, b) in pairs) cells += (frequent[a].Length + 1L) * (frequent[b].Length + 1L) * k;
        return cells * sizeof(long) <= MaxPairTableBytes;
    }

    private static int Dim(FeatureTable t, int f) => t.Features[f].Values.Length;

    /// <summary>Bits of a feature's axis in a table: its values rounded up to a power of two, so a cell's
    /// index is made by shifts (a multiply per axis cost more than the cells saved).</summary>
    private static int Bits(int values) => System.Numerics.BitOperations.Log2(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(values, 1)));

    private static int Cells(FeatureTable t, Unit u, int k) => 1 << (Bits(Dim(t, u.A)) + Bits(Dim(t, u.B)) + (u.C < 0 ? 0 : Bits(Dim(t, u.C))) + Bits(k));

    /// <summary>The count table of each pair (all taken by <see cref="Takes"/>), in the order of
    /// <paramref name="pairs"/>: index (x·(Vb+1) + z)·K + class over predicate indices, Va / Vb: "no predicate".</summary>
    public static long[][] Count(FeatureTable t, List<(int A, int B)> pairs, int[][] map, int[][] frequent, int k, CancellationToken ct)
    {
        var units = Cover(t, pairs, k);
        var result = new long[pairs.Count][];
        var group = new List<Unit>();
        long size = 0;
        foreach (var u in units)
        {
            int c = Cells(t, u, k);
            if (group.Count > 0 && size + c > GroupCells)
            {
                CountGroup(t, group, pairs, map, frequent, k, result, ct);
                group.Clear();
                size = 0;
            }
            group.Add(u);
            size += c;
        }
        if (group.Count > 0) CountGroup(t, group, pairs, map, frequent, k, result, ct);
        return result;
    }

    /// <summary>Greedy cover: for each pair not yet answered, the third feature that answers most other
    /// open pairs with it (ties: the lowest index) within <see cref="TripleCells"/>; none: the pair alone.</summary>
    internal static List<Unit> Cover(FeatureTable t, List<(int A, int B)> pairs, int k)
    {
        var index = new Dictionary<(int, int), int>();
        for (int p = 0; p < pairs.Count; p++) index[pairs[p]] = p;
        var open = new bool[pairs.Count];
        Array.Fill(open, true);
        var features = pairs.SelectMany(p => new[] { p.A, p.B }).Distinct().Order().ToArray();
        var units = new List<Unit>();
        int Open(int x, int y)
        {
            var key = x < y ? (x, y) : (y, x);
            return index.TryGetValue(key, out int p) && open[p] ? p : -1;
        }
        for (int p = 0; p < pairs.Count; p++)
        {
            if (!open[p]) continue;
            var (a, b) = pairs[p];
            long ab = 1L << (Bits(Dim(t, a)) + Bits(Dim(t, b)) + Bits(k));
            int best = -1, bestGain = 0;
            foreach (int c in features)
            {
                if (c == a || c == b || ab << Bits(Dim(t, c)) > TripleCells) continue;
                int gain = (Open(a, c) >= 0 ? 1 : 0) + (Open(b, c) >= 0 ? 1 : 0);
                if (gain > bestGain)
                {
                    best = c;
                    bestGain = gain;
                    if (gain == 2) break;
                }
            }
            var owned = new List<int> { p };
            open[p] = false;
            if (best < 0)
            {
                units.Add(new Unit(a, b, -1, owned));
                continue;
            }
            foreach (int q in new[] { Open(a, best), Open(b, best) })
            {
                if (q < 0) continue;
                owned.Add(q);
                open[q] = false;
            }
            int[] abc = [a, b, best];
            Array.Sort(abc);
            units.Add(new Unit(abc[0], abc[1], abc[2], owned));
        }
        return units;
    }

    private static void CountGroup(FeatureTable t, List<Unit> units, List<(int A, int B)> pairs, int[][] map, int[][] frequent, int k,
        long[][] result, CancellationToken ct)
    {
        int nu = units.Count;
        var offsets = new int[nu + 1];
        for (int u = 0; u < nu; u++) offsets[u + 1] = offsets[u] + Cells(t, units[u], k);
        int n = t.RowCount;
        int threads = Math.Clamp(n / (1 << 16), 1, Environment.ProcessorCount);
        var totals = new long[offsets[nu]];
        var gate = new object();
        Parallel.For(0, threads, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = threads }, th =>
        {
            int start = (int)((long)n * th / threads), end = (int)((long)n * (th + 1) / threads);
            var hist = new int[offsets[nu]];
            var y = t.Outcome;
            for (int r0 = start; r0 < end; r0 += Block)
            {
                int len = Math.Min(Block, end - r0);
                var ys = y.Slice(r0, len);
                for (int u = 0; u < nu; u++)
                {
                    var x = units[u];
                    var table = hist.AsSpan(offsets[u], offsets[u + 1] - offsets[u]);
                    var ca = t.Features[x.A].ByteCodes.AsSpan(r0, len);
                    var cb = t.Features[x.B].ByteCodes.AsSpan(r0, len);
                    int kb = Bits(k), bb = Bits(Dim(t, x.B));
                    if (x.C < 0)
                    {
                        Accumulate(table, bb + kb, kb, ca, cb, ys);
                    }
                    else
                    {
                        int bc = Bits(Dim(t, x.C));
                        Accumulate(table, bb + bc + kb, bc + kb, kb, ca, cb, t.Features[x.C].ByteCodes.AsSpan(r0, len), ys);
                    }
                }
                if ((r0 & 0xFFFFF) == 0) ct.ThrowIfCancellationRequested();
            }
            lock (gate)
            {
                for (int i = 0; i < hist.Length; i++) totals[i] += hist[i];
            }
        });
        for (int u = 0; u < nu; u++) Marginalize(t, units[u], totals.AsSpan(offsets[u], offsets[u + 1] - offsets[u]), pairs, map, frequent, k, result);
    }

    /// <summary>The hot loop of a pair: one increment per sample at (x·2^bits(Vb) + z)·2^bits(K) + class.</summary>
    private static void Accumulate(Span<int> table, int shiftA, int shiftB, ReadOnlySpan<byte> ca, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> ys)
    {
        ref int h = ref MemoryMarshal.GetReference(table);
        ref byte a = ref MemoryMarshal.GetReference(ca);
        ref byte b = ref MemoryMarshal.GetReference(cb);
        ref byte y = ref MemoryMarshal.GetReference(ys);
        for (int i = 0; i < ys.Length; i++)
        {
            Unsafe.Add(ref h, (Unsafe.Add(ref a, i) << shiftA) | (Unsafe.Add(ref b, i) << shiftB) | Unsafe.Add(ref y, i))++;
        }
    }

    /// <summary>The hot loop of a triple: one increment per sample at the cell whose index is the codes and
    /// the class side by side in bits (each axis as wide as its values rounded up to a power of two). Codes
    /// are below their feature's number of values and classes below K (checked when the table was made),
    /// so the table is addressed without bounds checks.</summary>
    private static void Accumulate(Span<int> table, int shiftA, int shiftB, int shiftC, ReadOnlySpan<byte> ca, ReadOnlySpan<byte> cb, ReadOnlySpan<byte> cc, ReadOnlySpan<byte> ys)
    {
        ref int h = ref MemoryMarshal.GetReference(table);
        ref byte a = ref MemoryMarshal.GetReference(ca);
        ref byte b = ref MemoryMarshal.GetReference(cb);
        ref byte c = ref MemoryMarshal.GetReference(cc);
        ref byte y = ref MemoryMarshal.GetReference(ys);
        for (int i = 0; i < ys.Length; i++)
        {
            Unsafe.Add(ref h, (Unsafe.Add(ref a, i) << shiftA) | (Unsafe.Add(ref b, i) << shiftB) | (Unsafe.Add(ref c, i) << shiftC) | Unsafe.Add(ref y, i))++;
        }
    }

    /// <summary>The tables of the pairs a unit answers: its raw table summed over the feature each pair
    /// leaves out, each value at its predicate index (a value below the support at "no predicate").</summary>
    private static void Marginalize(FeatureTable t, Unit u, ReadOnlySpan<long> table, List<(int A, int B)> pairs, int[][] map, int[][] frequent, int k, long[][] result)
    {
        int da = Dim(t, u.A), db = Dim(t, u.B), dc = u.C < 0 ? 1 : Dim(t, u.C);
        int kb = Bits(k), bc = u.C < 0 ? 0 : Bits(dc), bb = Bits(db);
        int[] axes = u.C < 0 ? [u.A, u.B] : [u.A, u.B, u.C];
        Span<int> at = stackalloc int[3];
        foreach (int p in u.Pairs)
        {
            var (pa, pb) = pairs[p];
            int first = Array.IndexOf(axes, pa), second = Array.IndexOf(axes, pb);
            int[] mapFirst = Predicates(map[pa], frequent[pa].Length), mapSecond = Predicates(map[pb], frequent[pb].Length);
            int width = frequent[pb].Length + 1;
            var pairTable = new long[(frequent[pa].Length + 1) * width * k];
            for (int x = 0; x < da; x++)
            {
                at[0] = x;
                for (int y = 0; y < db; y++)
                {
                    at[1] = y;
                    for (int z = 0; z < dc; z++)
                    {
                        at[2] = z;
                        int src = (x << (bb + bc + kb)) | (y << (bc + kb)) | (z << kb), dst = (mapFirst[at[first]] * width + mapSecond[at[second]]) * k;
                        for (int c = 0; c < k; c++) pairTable[dst + c] += table[src + c];
                    }
                }
            }
            result[p] = pairTable;
        }
    }

    /// <summary>Value index to predicate index, "no predicate" (-1 in the map) as <paramref name="none"/>.</summary>
    private static int[] Predicates(int[] map, int none) => [.. map.Select(m => m >= 0 ? m : none)];
}
