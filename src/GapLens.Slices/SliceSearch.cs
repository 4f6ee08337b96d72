using System.Collections.Immutable;
using System.Globalization;

namespace GapLens.Slices;

/// <summary>
/// The exact enumeration of every slice (a conjunction of predicates on distinct features) of up to
/// <c>maxOrder</c> predicates with at least <c>minSupport</c> samples, level by level, pruned by
/// SliceLine's size bound: a conjunction holds at most as many samples as any of its parts, so values
/// below the support are never combined (they are not predicates), a combination of features is counted
/// only when each of its sub-combinations had a slice, and a sample is counted for a combination only when
/// each of its values is a predicate. Counting: one pass per feature for single predicates; for pairs of
/// single-valued features, dense count tables of triples of features that cover the pairs, summed down
/// to each pair (<see cref="TripleKernel"/>; when the pair tables would not all fit in memory at once,
/// cache-sized groups of pair tables instead, <see cref="PairKernel"/>), each group filled by a
/// multi-threaded blocked pass; anything else (lists, huge tables, three or more predicates) by
/// hashing (<see cref="ComboCounter"/>). Features that split the samples exactly like an earlier one
/// (e.g. task_type and domain, one-to-one) are left out as duplicates.
/// </summary>
internal sealed class SliceSearch
{
    /// <summary>Count cells of one dense pair table beyond which the pair is hashed instead.</summary>
    internal const int DensePairCells = 1 << 16;

    /// <summary>Count cells of one group of dense pair tables (per thread: they stay in the L2 cache).</summary>
    internal const int GroupCells = 1 << 16;

    private readonly FeatureTable _t;
    private readonly int _k;
    private readonly long[][] _level1;
    private readonly Dictionary<PredicateKey, long[]>?[] _levels;

    public SliceSearch(FeatureTable table, int minSupport, int maxOrder, CancellationToken ct)
    {
        _t = table;
        _k = table.OutcomeClasses.Length;
        MinSupport = minSupport;
        MaxOrder = maxOrder;
        int f = table.Features.Length;
        _level1 = new long[f][];
        Parallel.For(0, f, new ParallelOptions { CancellationToken = ct }, i => _level1[i] = CountValues(table.Features[i]));
        Map = new int[f][];
        Frequent = new int[f][];
        var duplicates = new List<DroppedColumn>();
        for (int i = 0; i < f; i++)
        {
            var map = new int[table.Features[i].Values.Length];
            var frequent = new List<int>();
            for (int v = 0; v < map.Length; v++)
            {
                long n = Total(_level1[i].AsSpan(v * _k, _k));
                map[v] = n >= minSupport && n < table.RowCount ? frequent.Count : -1;
                if (map[v] >= 0) frequent.Add(v);
                else if (n > 0 && n < minSupport) BelowSupport[1]++;
            }
            Map[i] = map;
            Frequent[i] = [.. frequent];
        }
        for (int b = 0; b < f; b++)
        {
            for (int a = 0; a < b && Frequent[b].Length > 0; a++)
            {
                if (Frequent[a].Length > 0 && Equivalent(table.Features[a], table.Features[b]))
                {
                    duplicates.Add(new DroppedColumn(table.Features[b].Name, $"splits the samples exactly as {table.Features[a].Name} does (a one-to-one relabelling): left out as a duplicate"));
                    Frequent[b] = [];
                    Array.Fill(Map[b], -1);
                }
            }
        }
        Duplicates = [.. duplicates];
        _levels = new Dictionary<PredicateKey, long[]>?[maxOrder + 1];
        for (int level = 2; level < maxOrder; level++) _levels[level] = [];
    }

    public int MinSupport { get; }

    public int MaxOrder { get; }

    /// <summary>Per feature: value index to predicate index (-1: not a predicate: below the support, or every sample).</summary>
    internal int[][] Map { get; }

    /// <summary>Per feature: predicate index to value index.</summary>
    internal int[][] Frequent { get; }

    /// <summary>Features that split the samples as an earlier one does.</summary>
    public ImmutableArray<DroppedColumn> Duplicates { get; }

    /// <summary>Per order: non-empty conjunctions counted but below the support (not tested, never extended).</summary>
    public long[] BelowSupport { get; } = new long[SliceOptions.MaxMaxOrder + 1];

    /// <summary>Per order: feature combinations not counted because a sub-combination had no slice.</summary>
    public long[] CombinationsPruned { get; } = new long[SliceOptions.MaxMaxOrder + 1];

    internal static long Total(ReadOnlySpan<long> counts)
    {
        long n = 0;
        foreach (long c in counts) n += c;
        return n;
    }

    /// <summary>Samples per outcome class of a slice of order below the search's top order (for parents).</summary>
    public bool TryGetCounts(ReadOnlySpan<Predicate> predicates, Span<long> counts)
    {
        if (predicates.Length == 1)
        {
            var p = predicates[0];
            _level1[p.Feature].AsSpan(p.Value * _k, _k).CopyTo(counts);
            return true;
        }
        if (predicates.Length < _levels.Length && _levels[predicates.Length] is { } level && level.TryGetValue(PredicateKey.Of(predicates), out var c))
        {
            c.CopyTo(counts);
            return true;
        }
        return false;
    }

    private long[] CountValues(FeatureColumn f)
    {
        var y = _t.Outcome;
        var counts = new long[f.Values.Length * _k];
        if (f.ByteCodes is { } bytes)
        {
            // Four tables filled in turn: a run of samples with the same value would otherwise wait on
            // its own previous increment of one cell.
            int stride = 256 * _k;
            var c = new int[4 * stride];
            int i = 0;
            for (; i + 4 <= bytes.Length; i += 4)
            {
                c[bytes[i] * _k + y[i]]++;
                c[stride + bytes[i + 1] * _k + y[i + 1]]++;
                c[2 * stride + bytes[i + 2] * _k + y[i + 2]]++;
                c[3 * stride + bytes[i + 3] * _k + y[i + 3]]++;
            }
            for (; i < bytes.Length; i++) c[bytes[i] * _k + y[i]]++;
            for (int j = 0; j < counts.Length; j++) counts[j] = c[j] + c[stride + j] + c[2 * stride + j] + c[3 * stride + j];
        }
        else if (f.IntCodes is { } ints)
        {
            for (int i = 0; i < ints.Length; i++) counts[ints[i] * _k + y[i]]++;
        }
        else
        {
            var off = f.Offsets!;
            var codes = f.ListCodes!;
            for (int r = 0; r + 1 < off.Length; r++)
            {
                for (int j = off[r]; j < off[r + 1]; j++) counts[codes[j] * _k + y[r]]++;
            }
        }
        return counts;
    }

    /// <summary>Whether two single-valued features split the samples identically (a bijection of values).</summary>
    private static bool Equivalent(FeatureColumn a, FeatureColumn b)
    {
        if (a.IsList || b.IsList) return false;
        var forward = new int[a.Values.Length];
        var backward = new int[b.Values.Length];
        Array.Fill(forward, -1);
        Array.Fill(backward, -1);
        for (int i = 0; i < a.RowCount; i++)
        {
            int x = a.ValueAt(i), z = b.ValueAt(i);
            if (forward[x] < 0 && backward[z] < 0)
            {
                forward[x] = z;
                backward[z] = x;
            }
            else if (forward[x] != z || backward[z] != x)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Finds every slice and hands it to <paramref name="visitor"/>, order by order.</summary>
    public void Run(ISliceVisitor visitor, CancellationToken ct)
    {
        Array.Clear(BelowSupport, 2, BelowSupport.Length - 2);
        Array.Clear(CombinationsPruned);
        foreach (var level in _levels) level?.Clear();
        int f = _t.Features.Length;
        Span<Predicate> one = stackalloc Predicate[1];
        for (int i = 0; i < f; i++)
        {
            foreach (int v in Frequent[i])
            {
                one[0] = new Predicate(i, v);
                visitor.Visit(one, _level1[i].AsSpan(v * _k, _k));
            }
        }
        if (MaxOrder < 2) return;
        var active = Enumerable.Range(0, f).Where(i => Frequent[i].Length > 0).ToList();
        var withSlices = new HashSet<string>(StringComparer.Ordinal);
        var dense = new List<(int A, int B)>();
        var hashed = new List<int[]>();
        for (int x = 0; x < active.Count; x++)
        {
            for (int z = x + 1; z < active.Count; z++)
            {
                int a = active[x], b = active[z];
                long cells = (Frequent[a].Length + 1L) * (Frequent[b].Length + 1L) * _k;
                if (!_t.Features[a].IsList && !_t.Features[b].IsList && cells <= DensePairCells) dense.Add((a, b));
                else hashed.Add([a, b]);
            }
        }
        var store = _levels[2];
        void Emit(ReadOnlySpan<Predicate> p, ReadOnlySpan<long> counts)
        {
            store?.Add(PredicateKey.Of(p), counts.ToArray());
            visitor.Visit(p, counts);
        }
        var byTriples = dense.Where(p => TripleKernel.Takes(_t, p.A, p.B, _k)).ToList();
        if (byTriples.Count > 0 && TripleKernel.Fits(byTriples, Frequent, _k))
        {
            var tables = TripleKernel.Count(_t, byTriples, Map, Frequent, _k, ct);
            for (int p = 0; p < byTriples.Count; p++) EmitPairTable(byTriples[p].A, byTriples[p].B, tables[p], withSlices, Emit);
            dense = [.. dense.Where(p => !TripleKernel.Takes(_t, p.A, p.B, _k))];
        }
        foreach (var group in PairKernel.Groups(dense, (a, b) => (Frequent[a].Length + 1) * (Frequent[b].Length + 1) * _k))
        {
            ct.ThrowIfCancellationRequested();
            var tables = PairKernel.Count(_t, group, Map, Frequent, _k, ct);
            for (int g = 0; g < group.Count; g++)
            {
                var (a, b) = group[g];
                EmitPairTable(a, b, tables[g], withSlices, Emit);
            }
        }
        foreach (var cells in ComboCounter.Count(_t, hashed, Map, Frequent, _k, MinSupport, ct))
        {
            EmitCells(cells, withSlices, Emit);
        }
        for (int order = 3; order <= MaxOrder; order++)
        {
            var combos = new List<int[]>();
            foreach (var combo in Combinations(active, order))
            {
                bool ok = true;
                for (int drop = 0; drop < order && ok; drop++) ok = withSlices.Contains(Key(combo, drop));
                if (ok) combos.Add(combo);
                else CombinationsPruned[order]++;
            }
            if (combos.Count == 0) break;
            var levelStore = order < _levels.Length ? _levels[order] : null;
            void EmitLevel(ReadOnlySpan<Predicate> p, ReadOnlySpan<long> counts)
            {
                levelStore?.Add(PredicateKey.Of(p), counts.ToArray());
                visitor.Visit(p, counts);
            }
            foreach (var cells in ComboCounter.Count(_t, combos, Map, Frequent, _k, MinSupport, ct))
            {
                EmitCells(cells, withSlices, EmitLevel);
            }
        }
    }

    private delegate void Emitter(ReadOnlySpan<Predicate> predicates, ReadOnlySpan<long> counts);

    private void EmitPairTable(int a, int b, long[] table, HashSet<string> withSlices, Emitter emit)
    {
        int va = Frequent[a].Length, vb = Frequent[b].Length;
        int stride = (vb + 1) * _k;
        Span<Predicate> p = stackalloc Predicate[2];
        bool any = false;
        for (int x = 0; x < va; x++)
        {
            for (int z = 0; z < vb; z++)
            {
                var counts = table.AsSpan(x * stride + z * _k, _k);
                long n = Total(counts);
                if (n == 0) continue;
                if (n < MinSupport || n == _t.RowCount)
                {
                    if (n < MinSupport) BelowSupport[2]++;
                    continue;
                }
                p[0] = new Predicate(a, Frequent[a][x]);
                p[1] = new Predicate(b, Frequent[b][z]);
                emit(p, counts);
                any = true;
            }
        }
        if (any) withSlices.Add(Key([a, b], -1));
    }

    private void EmitCells(ComboCells cells, HashSet<string> withSlices, Emitter emit)
    {
        int order = cells.Features.Length;
        BelowSupport[order] += cells.BelowSupport;
        Span<Predicate> p = stackalloc Predicate[order];
        for (int c = 0; c < cells.Count; c++)
        {
            var counts = cells.CountsOf(c);
            if (Total(counts) == _t.RowCount) continue;
            for (int j = 0; j < order; j++) p[j] = new Predicate(cells.Features[j], cells.ValueOf(c, j));
            emit(p, counts);
        }
        if (cells.Count > 0) withSlices.Add(Key(cells.Features, -1));
    }

    private static string Key(int[] combo, int drop) =>
        string.Join(',', combo.Where((_, i) => i != drop).Select(i => i.ToString(CultureInfo.InvariantCulture)));

    private static IEnumerable<int[]> Combinations(List<int> items, int k)
    {
        if (items.Count < k) yield break;
        var idx = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            yield return [.. idx.Select(i => items[i])];
            int j = k - 1;
            while (j >= 0 && idx[j] == items.Count - k + j) j--;
            if (j < 0) yield break;
            idx[j]++;
            for (int m = j + 1; m < k; m++) idx[m] = idx[m - 1] + 1;
        }
    }
}
