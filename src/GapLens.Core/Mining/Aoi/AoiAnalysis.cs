using GapLens.Core.Metrics;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using GapLens.Core.Statistics;
using GapLens.Core.Text;

namespace GapLens.Core.Mining.Aoi;

/// <summary>The vcn_aoi mining rules of spec 01 as pure functions over an <see cref="AoiTable"/>.</summary>
public static class AoiAnalysis
{
    /// <summary>
    /// The weak samples (<see cref="TopKPerLabel"/> for a K, else <see cref="Misclassified"/>) and
    /// <see cref="PerLabel"/>, from one computation of every row's weakness: the same results as the
    /// three separately, in about half the time on millions of rows.
    /// </summary>
    /// <param name="table">The rows.</param>
    /// <param name="threshold">The operating threshold.</param>
    /// <param name="topKPerLabel">K, or null for every misclassified row.</param>
    /// <param name="sweep">The sweep of the same rows with NO_PASS positive (<see cref="AoiTable.NoPassFlags"/>),
    /// when there is one: the PASS group's scores are its negatives, whose order statistics it gives
    /// from its tie groups, so the PASS group's K-th largest weakness and median are read instead of selected (weakness
    /// is score - threshold there, which never decreases as the score grows, so the order statistics
    /// are the same; not when the threshold is zero, where -0.0 and 0.0 would give weaknesses of
    /// either sign).</param>
    public static (AoiSelection Weak, ImmutableArray<AoiLabelStats> PerLabel) WeakAndPerLabel(AoiTable table, double threshold, int? topKPerLabel, ScoreSweep? sweep = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        if (topKPerLabel is { } k) ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var counts = GroupCounts(table);
        int passGroup = table.Groups.IndexOf("PASS");
        var sorted = sweep is not null && threshold != 0 && passGroup >= 0 && sweep.Negatives == counts[passGroup] && sweep.Negatives > 0
            ? new SortedGroup(passGroup, sweep, threshold) : null;
        // The group the sweep serves is not kept as values (most rows are PASS): its sum, maximum and
        // positive count are taken in the same pass, in CSV order.
        var values = WeaknessByGroup(table, threshold, counts, sorted?.Group ?? -1, out var folded);
        // The statistics first, over the values in CSV order as PerLabel sees them: the sums add in
        // that order, and the medians' quickselect starts from it (which of -0.0 and 0.0 ends in the
        // middle depends on it). The top-K cut, a value compared with ==, does not depend on the order.
        var stats = Medians(table, values, counts, Sums(table, values, sorted?.Group ?? -1, folded), sorted);
        var weak = topKPerLabel is { } kk ? TopKPerLabel(table, threshold, kk, values, counts, sorted) : Misclassified(table, threshold);
        return (weak, stats);
    }

    /// <summary>A group whose weaknesses, in ascending order, are score - threshold over a sweep's negatives in ascending order.</summary>
    private sealed class SortedGroup(int group, ScoreSweep sweep, double threshold)
    {
        public int Group => group;

        public int Count => (int)sweep.Negatives;

        /// <summary>The k-th smallest weakness (0-based).</summary>
        public double At(int k) => sweep.NegativeAt(k) - threshold;

        /// <summary>As <see cref="KthLargest"/>: the k-th largest and how many are above it (a run at the top end).</summary>
        public (double Cut, int Above) KthLargest(int k)
        {
            double cut = At(Count - k);
            int lo = Count - k + 1, hi = Count; // the first index whose weakness is above the cut
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (At(mid) > cut) hi = mid;
                else lo = mid + 1;
            }
            return (cut, Count - lo);
        }

        /// <summary>As <see cref="Quantiles.MedianInPlace"/>.</summary>
        public double Median() => Count % 2 == 1 ? At(Count / 2) : (At(Count / 2 - 1) + At(Count / 2)) / 2.0;
    }

    /// <summary>
    /// Top-K per label: the K weakest rows of each label group, where "weakest first" is a stable sort
    /// by weakness descending (ties keep CSV order), returned in that global order (labels
    /// interleaved). O(n): per group the K-th largest weakness, then one pass in CSV order keeps the
    /// rows above it and, of the rows equal to it, the first ones.
    /// </summary>
    public static AoiSelection TopKPerLabel(AoiTable table, double threshold, int k)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var counts = GroupCounts(table);
        return TopKPerLabel(table, threshold, k, WeaknessByGroup(table, threshold, counts, -1, out _), counts);
    }

    /// <summary>Top-K per label from the weakness by group (whose order it changes; the sorted group's
    /// values are not needed).</summary>
    private static AoiSelection TopKPerLabel(AoiTable table, double threshold, int k, double[][] weakness, int[] counts, SortedGroup? sorted = null)
    {
        int groups = table.Groups.Length;
        var cut = new double[groups];     // the K-th largest weakness of the group
        var ties = new int[groups];       // rows equal to the cut still to keep, in CSV order
        var all = new bool[groups];       // the group has at most K rows: keep them all
        for (int g = 0; g < groups; g++)
        {
            if (counts[g] <= k)
            {
                all[g] = true;
                continue;
            }
            (cut[g], int above) = sorted is not null && sorted.Group == g ? sorted.KthLargest(k) : KthLargest(weakness[g], k);
            ties[g] = k - above;
        }
        var kept = new List<int>();
        var scores = table.Scores;
        var labelIds = table.LabelIds;
        var groupOf = table.GroupOfLabel.AsSpan();
        var pass = table.PassByLabel();
        for (int row = 0; row < scores.Length; row++)
        {
            int label = labelIds[row];
            int g = groupOf[label];
            if (all[g])
            {
                kept.Add(row);
                continue;
            }
            double w = AoiTable.WeaknessOf(pass[label], scores[row], threshold);
            if (w > cut[g]) kept.Add(row);
            else if (w == cut[g] && ties[g] > 0)
            {
                ties[g]--;
                kept.Add(row);
            }
        }
        return Ordered(table, threshold, kept, k);
    }

    /// <summary>The k-th largest of <paramref name="w"/> (k &lt;= its length) and how many values
    /// are above it. A small k keeps the k largest in a min-heap (one comparison for most values);
    /// a large one uses quickselect, which reorders <paramref name="w"/>.</summary>
    internal static (double Cut, int Above) KthLargest(double[] w, int k)
    {
        double cut;
        if (k <= 4096 && k <= w.Length / 16)
        {
            var heap = new PriorityQueue<double, double>(k);
            foreach (double x in w)
            {
                if (heap.Count < k) heap.Enqueue(x, x);
                else if (x > heap.Peek()) heap.EnqueueDequeue(x, x);
            }
            cut = heap.Peek();
        }
        else
        {
            cut = Quantiles.Select(w, w.Length - k);
        }
        int above = 0;
        foreach (double x in w) above += x > cut ? 1 : 0;
        return (cut, above);
    }

    /// <summary>Rows per label group.</summary>
    private static int[] GroupCounts(AoiTable table)
    {
        var groupOf = table.GroupOfLabel.AsSpan();
        var perLabel = new int[groupOf.Length];
        foreach (int label in table.LabelIds) perLabel[label]++;
        var counts = new int[table.Groups.Length];
        for (int label = 0; label < perLabel.Length; label++) counts[groupOf[label]] += perLabel[label];
        return counts;
    }

    /// <summary>The weakness of every row, one array per label group, each in CSV order; the group
    /// <paramref name="fold"/> (-1: none) gets an empty array, its sum (in CSV order), maximum and
    /// count above zero returned instead.</summary>
    private static double[][] WeaknessByGroup(AoiTable table, double threshold, int[] counts, int fold, out (double Sum, double Max, long Positive) folded)
    {
        int groups = table.Groups.Length;
        var scores = table.Scores;
        var labelIds = table.LabelIds;
        var groupOf = table.GroupOfLabel.AsSpan();
        var pass = table.PassByLabel();
        var values = new double[groups][];
        for (int g = 0; g < groups; g++) values[g] = g == fold ? [] : new double[counts[g]];
        var next = new int[groups];
        double sum = 0, max = double.NegativeInfinity;
        long positive = 0;
        for (int row = 0; row < scores.Length; row++)
        {
            int label = labelIds[row];
            int g = groupOf[label];
            double w = AoiTable.WeaknessOf(pass[label], scores[row], threshold);
            if (g == fold)
            {
                sum += w;
                if (w > max) max = w;
                if (w > 0) positive++;
            }
            else
            {
                values[g][next[g]++] = w;
            }
        }
        folded = (sum, max, positive);
        return values;
    }

    /// <summary>Below-threshold mode: every misclassified row (PASS with score &gt; t, others with
    /// score &lt;= t), weakest first, no per-label cap.</summary>
    public static AoiSelection Misclassified(AoiTable table, double threshold)
    {
        ArgumentNullException.ThrowIfNull(table);
        var kept = new List<int>();
        var scores = table.Scores;
        var labelIds = table.LabelIds;
        var pass = table.PassByLabel();
        for (int row = 0; row < scores.Length; row++)
        {
            if (AoiTable.IsMisclassified(pass[labelIds[row]], scores[row], threshold)) kept.Add(row);
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
        var counts = GroupCounts(table);
        var values = WeaknessByGroup(table, threshold, counts, -1, out _);
        return Medians(table, values, counts, Sums(table, values, -1, default), null);
    }

    /// <summary>Per group in order of first appearance: count, sum (in CSV order, as Python's sum()
    /// over the group), maximum and misclassified count.</summary>
    private static List<(int Group, double Sum, double Max, long Positive)> Sums(AoiTable table, double[][] values, int fold, (double Sum, double Max, long Positive) folded)
    {
        var firstSeen = new List<int>();
        var seen = new bool[table.Groups.Length];
        var groupOf = table.GroupOfLabel.AsSpan();
        var labelIds = table.LabelIds;
        for (int row = 0; row < labelIds.Length && firstSeen.Count < seen.Length; row++)
        {
            int g = groupOf[labelIds[row]];
            if (!seen[g])
            {
                seen[g] = true;
                firstSeen.Add(g);
            }
        }
        var sums = new List<(int, double, double, long)>(firstSeen.Count);
        foreach (int g in firstSeen)
        {
            if (g == fold)
            {
                sums.Add((g, folded.Sum, folded.Max, folded.Positive));
                continue;
            }
            double sum = 0, max = double.NegativeInfinity;
            long positive = 0;
            foreach (double x in values[g])
            {
                sum += x;
                if (x > max) max = x;
                if (x > 0) positive++;
            }
            sums.Add((g, sum, max, positive));
        }
        return sums;
    }

    /// <summary>The statistics with each group's median (which reorders its values).</summary>
    private static ImmutableArray<AoiLabelStats> Medians(AoiTable table, double[][] values, int[] counts, List<(int Group, double Sum, double Max, long Positive)> sums, SortedGroup? sorted)
    {
        var result = ImmutableArray.CreateBuilder<AoiLabelStats>(sums.Count);
        foreach (var (g, sum, max, positive) in sums)
        {
            int n = counts[g];
            double median = sorted is not null && sorted.Group == g ? sorted.Median() : Quantiles.MedianInPlace(values[g]);
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
        var scores = table.Scores;
        var labelIds = table.LabelIds;
        var groupOf = table.GroupOfLabel.AsSpan();
        var pass = table.PassByLabel();
        for (int row = 0; row < scores.Length; row++)
        {
            int label = labelIds[row];
            if (pass[label]) continue;
            int g = groupOf[label];
            if (caught[g] + missed[g] == 0) order.Add(g);
            if (scores[row] > threshold) caught[g]++;
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
