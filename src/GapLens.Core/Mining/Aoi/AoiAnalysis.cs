using System.Collections.Immutable;
using GapLens.Core.Statistics;
using System.Text;
using GapLens.Core.Text;

namespace GapLens.Core.Mining.Aoi;

/// <summary>The vcn_aoi mining rules of spec 01 as pure functions over an <see cref="AoiTable"/>.</summary>
public static class AoiAnalysis
{
    /// <summary>
    /// Top-K per label: the K weakest rows of each label group, where "weakest first" is a stable sort
    /// by weakness descending (ties keep CSV order), returned in that global order (labels
    /// interleaved). O(n log K) with a bounded heap per group.
    /// </summary>
    public static AoiSelection TopKPerLabel(AoiTable table, double threshold, int k)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var heaps = new PriorityQueue<int, (double Weakness, int Row)>[table.Groups.Length];
        // The heap's root is the kept row that ranks last: lowest weakness, then latest row.
        var worstFirst = Comparer<(double Weakness, int Row)>.Create((a, b) =>
            a.Weakness != b.Weakness ? a.Weakness.CompareTo(b.Weakness) : b.Row.CompareTo(a.Row));
        for (int row = 0; row < table.RowCount; row++)
        {
            int g = table.GroupOf(row);
            var heap = heaps[g] ??= new PriorityQueue<int, (double, int)>(worstFirst);
            var key = (table.Weakness(row, threshold), row);
            if (heap.Count < k) heap.Enqueue(row, key);
            else if (heap.TryPeek(out _, out var worst) && worstFirst.Compare(key, worst) > 0) heap.EnqueueDequeue(row, key);
        }
        var kept = new List<int>();
        foreach (var heap in heaps)
        {
            if (heap is null) continue;
            while (heap.TryDequeue(out int row, out _)) kept.Add(row);
        }
        return Ordered(table, threshold, kept, k);
    }

    /// <summary>Below-threshold mode: every misclassified row (PASS with score &gt; t, others with
    /// score &lt;= t), weakest first, no per-label cap.</summary>
    public static AoiSelection Misclassified(AoiTable table, double threshold)
    {
        ArgumentNullException.ThrowIfNull(table);
        var kept = new List<int>();
        for (int row = 0; row < table.RowCount; row++)
        {
            if (table.IsMisclassified(row, threshold)) kept.Add(row);
        }
        return Ordered(table, threshold, kept, null);
    }

    private static AoiSelection Ordered(AoiTable table, double threshold, List<int> rows, long? k)
    {
        var weakness = rows.ConvertAll(r => table.Weakness(r, threshold));
        var order = Enumerable.Range(0, rows.Count).ToArray();
        Array.Sort(order, (a, b) => weakness[a] != weakness[b] ? weakness[b].CompareTo(weakness[a]) : rows[a].CompareTo(rows[b]));
        return new AoiSelection([.. order.Select(i => rows[i])], [.. order.Select(i => weakness[i])], k);
    }

    /// <summary>weak_samples_breakdown.txt, exactly (ends with a newline).</summary>
    public static string Breakdown(AoiTable table, AoiSelection selection, double threshold)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(selection);
        var sb = new StringBuilder();
        string k = selection.TopKPerLabel is { } kk ? kk.ToString(System.Globalization.CultureInfo.InvariantCulture) : "None";
        sb.Append("Weak samples breakdown by label (threshold=").Append(PyFloat.Repr(threshold)).Append(", top_k_per_label=").Append(k).Append(")\n");
        sb.Append("Total KPI samples: ").Append(table.RowCount).Append('\n');
        sb.Append("Total weak samples kept: ").Append(selection.Rows.Length).Append('\n');
        sb.Append('\n');
        foreach (var g in GroupsInOrder(table, selection))
        {
            double pct = 100.0 * g.Count / Math.Max(selection.Rows.Length, 1);
            sb.Append("  ").Append(table.Groups[g.Group]).Append(": ").Append(g.Count)
              .Append(" (").Append(PyFormat.Fixed(pct, 1)).Append("%) \u2014 ")
              .Append(g.Misclassified).Append(" misclassified, ").Append(g.Count - g.Misclassified).Append(" marginal\n");
        }
        return sb.ToString();
    }

    /// <summary>Label groups of the kept rows in order of first appearance, with counts.</summary>
    public static IReadOnlyList<(int Group, int Count, int Misclassified)> GroupsInOrder(AoiTable table, AoiSelection selection)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(selection);
        var order = new List<int>();
        var counts = new Dictionary<int, (int Count, int Pos)>();
        for (int i = 0; i < selection.Rows.Length; i++)
        {
            int g = table.GroupOf(selection.Rows[i]);
            if (!counts.TryGetValue(g, out var c))
            {
                order.Add(g);
                c = (0, 0);
            }
            counts[g] = (c.Count + 1, c.Pos + (selection.Weakness[i] > 0 ? 1 : 0));
        }
        return order.ConvertAll(g => (g, counts[g].Count, counts[g].Pos));
    }

    /// <summary>Weakness statistics per label group over all rows, in order of first appearance in
    /// the CSV. Median is the mean of the two middle values for an even count.</summary>
    public static ImmutableArray<AoiLabelStats> PerLabel(AoiTable table, double threshold)
    {
        ArgumentNullException.ThrowIfNull(table);
        var values = new List<double>?[table.Groups.Length];
        var firstSeen = new List<int>();
        for (int row = 0; row < table.RowCount; row++)
        {
            int g = table.GroupOf(row);
            if (values[g] is null)
            {
                values[g] = [];
                firstSeen.Add(g);
            }
            values[g]!.Add(table.Weakness(row, threshold));
        }
        var result = ImmutableArray.CreateBuilder<AoiLabelStats>(firstSeen.Count);
        foreach (int g in firstSeen)
        {
            var w = values[g]!;
            double sum = 0, max = double.NegativeInfinity;
            long positive = 0;
            foreach (double x in w)
            {
                sum += x; // in CSV order, as Python's sum() over the group
                if (x > max) max = x;
                if (x > 0) positive++;
            }
            int n = w.Count;
            double median = Quantiles.MedianInPlace(w.ToArray());
            result.Add(new AoiLabelStats(table.Groups[g], n, sum / n, median, max, positive));
        }
        return result.MoveToImmutable();
    }

    /// <summary>Recall per defect label (every group but PASS, in order of first appearance) at the
    /// threshold, with the target checked per label: which defect types the threshold still misses.</summary>
    public static ImmutableArray<AoiLabelRecall> RecallByLabel(AoiTable table, double threshold, double minRecall)
    {
        ArgumentNullException.ThrowIfNull(table);
        var caught = new long[table.Groups.Length];
        var missed = new long[table.Groups.Length];
        var order = new List<int>();
        for (int row = 0; row < table.RowCount; row++)
        {
            if (table.IsPass(row)) continue;
            int g = table.GroupOf(row);
            if (caught[g] + missed[g] == 0) order.Add(g);
            if (table.Scores[row] > threshold) caught[g]++;
            else missed[g]++;
        }
        return [.. order.Select(g =>
        {
            var c = new Metrics.BinaryConfusion(caught[g], 0, 0, missed[g]);
            var recall = c.Recall();
            return new AoiLabelRecall(table.Groups[g], caught[g], missed[g], recall, recall.Value >= minRecall - Metrics.ThresholdSelection.RecallTolerance);
        })];
    }
}
