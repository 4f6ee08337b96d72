namespace GapLens.Slices;

/// <summary>
/// Counts the slices of feature combinations by hashing each sample's tuple of predicate indices: for
/// lists (a sample counts in each combination of its values), pairs too large for a dense table, and
/// three or more predicates. A sample with a value that is no predicate (below the support) is skipped
/// for that combination (SliceLine's size bound: no slice through it can reach the support).
/// Combinations run in parallel; results come back in the order of the combinations.
/// </summary>
internal static class ComboCounter
{
    public static IEnumerable<ComboCells> Count(FeatureTable t, List<int[]> combos, int[][] map, int[][] frequent, int k, int minSupport, CancellationToken ct)
    {
        int batch = Math.Max(1, Environment.ProcessorCount * 2);
        for (int start = 0; start < combos.Count; start += batch)
        {
            ct.ThrowIfCancellationRequested();
            int len = Math.Min(batch, combos.Count - start);
            var results = new ComboCells[len];
            Parallel.For(0, len, new ParallelOptions { CancellationToken = ct }, i => results[i] = CountOne(t, combos[start + i], map, frequent, k, minSupport, ct));
            foreach (var r in results) yield return r;
        }
    }

    private static ComboCells CountOne(FeatureTable t, int[] features, int[][] map, int[][] frequent, int k, int minSupport, CancellationToken ct)
    {
        int order = features.Length;
        var radix = new UInt128[order];
        UInt128 r = 1;
        for (int j = order - 1; j >= 0; j--)
        {
            radix[j] = r;
            r *= (UInt128)frequent[features[j]].Length;
        }
        var slots = new Dictionary<UInt128, int>();
        var counts = new List<long>();
        var columns = features.Select(f => t.Features[f]).ToArray();
        var options = new int[order][];
        var lengths = new int[order];
        for (int j = 0; j < order; j++) options[j] = new int[columns[j].IsList ? columns[j].Values.Length : 1];
        var pick = new int[order];
        var y = t.Outcome;
        for (int row = 0; row < t.RowCount; row++)
        {
            if ((row & 0xFFFFF) == 0) ct.ThrowIfCancellationRequested();
            bool skip = false;
            for (int j = 0; j < order && !skip; j++)
            {
                var m = map[features[j]];
                var col = columns[j];
                if (!col.IsList)
                {
                    int p = m[col.ValueAt(row)];
                    options[j][0] = p;
                    lengths[j] = 1;
                    skip = p < 0;
                }
                else
                {
                    int n = 0;
                    foreach (int v in col.ValuesAt(row))
                    {
                        if (m[v] >= 0) options[j][n++] = m[v];
                    }
                    lengths[j] = n;
                    skip = n == 0;
                }
            }
            if (skip) continue;
            // Every combination of the sample's predicates (one each for single-valued features).
            Array.Clear(pick);
            while (true)
            {
                UInt128 key = 0;
                for (int j = 0; j < order; j++) key += (UInt128)options[j][pick[j]] * radix[j];
                if (!slots.TryGetValue(key, out int slot))
                {
                    slot = slots.Count;
                    slots.Add(key, slot);
                    for (int c = 0; c < k; c++) counts.Add(0);
                }
                counts[slot * k + y[row]]++;
                int d = order - 1;
                while (d >= 0 && ++pick[d] == lengths[d])
                {
                    pick[d] = 0;
                    d--;
                }
                if (d < 0) break;
            }
        }
        var values = new List<int>();
        var kept = new List<long>();
        long below = 0;
        foreach (var (key, slot) in slots.OrderBy(s => s.Key))
        {
            long n = 0;
            for (int c = 0; c < k; c++) n += counts[slot * k + c];
            if (n < minSupport)
            {
                below++;
                continue;
            }
            UInt128 rest = key;
            for (int j = 0; j < order; j++)
            {
                int p = (int)(rest / radix[j]);
                rest %= radix[j];
                values.Add(frequent[features[j]][p]);
            }
            for (int c = 0; c < k; c++) kept.Add(counts[slot * k + c]);
        }
        return new ComboCells(features, [.. values], [.. kept], k, below);
    }
}
