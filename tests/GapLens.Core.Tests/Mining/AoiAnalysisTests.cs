using GapLens.Core.Mining.Aoi;
using GapLens.Core.Text;

namespace GapLens.Core.Tests.Mining;

public sealed class AoiAnalysisTests
{
    private static AoiTable Table(params (string Label, double Score)[] rows)
    {
        var labels = rows.Select(r => PyStr.Strip(r.Label)).Distinct().ToList();
        return AoiTable.FromLabels([.. rows.Select(r => r.Score)], [.. rows.Select(r => labels.IndexOf(PyStr.Strip(r.Label)))], labels);
    }

    [Fact]
    public void LabelGroupsArePythonUpperCaseInOrderOfFirstAppearance()
    {
        var t = Table(("Missing", 0.2), ("pa\u00df", 0.1), ("PASS", 0.3), ("\ufb01x", 0.9), ("MISSING", 0.4), ("\u0131ssue", 0.5));
        Assert.Equal(["MISSING", "PASS", "FIX", "ISSUE"], t.Groups.ToArray());
        Assert.Equal([false, true, true, false, false, false], Enumerable.Range(0, 6).Select(t.IsPass));
        Assert.Equal(["Missing", "pa\u00df", "PASS", "\ufb01x", "MISSING", "\u0131ssue"], t.Labels.ToArray());
        Assert.Equal("  PASS: 2 (33.3%) \u2014 2 misclassified, 0 marginal\n",
            AoiAnalysis.Breakdown(t, AoiAnalysis.TopKPerLabel(t, 0.05, 2), 0.05).Split('\n')[4] + "\n");
    }

    [Fact]
    public void TopKKeepsCsvOrderForTiesAcrossTheBoundary()
    {
        // Four PASS rows with the same weakness; K = 2 keeps the first two in CSV order.
        var t = Table(("PASS", 0.9), ("PASS", 0.9), ("NO_PASS", 0.1), ("PASS", 0.9), ("PASS", 0.9));
        var sel = AoiAnalysis.TopKPerLabel(t, 0.5, 2);
        Assert.Equal([0, 1, 2], sel.Rows.ToArray());
    }

    [Fact]
    public void OutputIsGlobalWeaknessOrderWithLabelsInterleaved()
    {
        var t = Table(("PASS", 0.6), ("MISSING", 0.1), ("PASS", 0.95), ("BRIDGE", 0.3), ("missing ", 0.2));
        var sel = AoiAnalysis.TopKPerLabel(t, 0.5, 5);
        // weakness: row0 .1, row1 .4, row2 .45, row3 .2, row4 .3
        Assert.Equal([2, 1, 4, 3, 0], sel.Rows.ToArray());
        Assert.Equal(["PASS", "MISSING", "BRIDGE"], AoiAnalysis.GroupsInOrder(t, sel).Select(g => t.Groups[g.Group]));
    }

    [Fact]
    public void NoPassExactlyAtTheThresholdIsMarginalAndKeptInBelowThresholdMode()
    {
        var t = Table(("NO_PASS", 0.5), ("PASS", 0.5), ("NO_PASS", 0.7));
        Assert.Equal(0.0, t.Weakness(0, 0.5));
        var sel = AoiAnalysis.Misclassified(t, 0.5);
        Assert.Equal([0], sel.Rows.ToArray());
        Assert.Contains("  NO_PASS: 1 (100.0%) \u2014 0 misclassified, 1 marginal\n", AoiAnalysis.Breakdown(t, sel, 0.5), StringComparison.Ordinal);
        Assert.StartsWith("Weak samples breakdown by label (threshold=0.5, top_k_per_label=None)\n", AoiAnalysis.Breakdown(t, sel, 0.5), StringComparison.Ordinal);
    }

    [Fact]
    public void EmptySelectionStillWritesTheHeader()
    {
        var t = Table(("PASS", 0.1), ("NO_PASS", 0.9));
        var sel = AoiAnalysis.Misclassified(t, 0.5);
        Assert.Empty(sel.Rows);
        Assert.Equal("Weak samples breakdown by label (threshold=0.5, top_k_per_label=None)\nTotal KPI samples: 2\nTotal weak samples kept: 0\n\n",
            AoiAnalysis.Breakdown(t, sel, 0.5));
    }

    [Fact]
    public void PerLabelMedianAveragesTheMiddlePair()
    {
        var t = Table(("PASS", 0.1), ("PASS", 0.2), ("PASS", 0.4), ("PASS", 0.8));
        var stats = AoiAnalysis.PerLabel(t, 0.0).Single();
        Assert.Equal((0.2 + 0.4) / 2, stats.MedianWeakness);
        Assert.Equal(0.8, stats.MaxWeakness);
        Assert.Equal(4, stats.Misclassified);
    }

    /// <summary>Spec 01's rules written the slow, obvious way: per group a stable sort by weakness
    /// descending, the first K, then all kept rows in one stable sort; statistics by sorting.</summary>
    private static (int[] Rows, double[] Weakness) NaiveTopK(AoiTable t, double threshold, int? k)
    {
        var rows = Enumerable.Range(0, t.RowCount);
        var kept = k is { } kk
            ? rows.GroupBy(t.GroupOf).SelectMany(g => g.OrderByDescending(r => t.Weakness(r, threshold)).Take(kk))
            : rows.Where(r => t.IsMisclassified(r, threshold));
        var ordered = kept.OrderByDescending(r => t.Weakness(r, threshold)).ThenBy(r => r).ToArray();
        return (ordered, [.. ordered.Select(r => t.Weakness(r, threshold))]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void WeakAndPerLabelTogetherAreTheRulesOneByOne(int seed)
    {
        var rng = new Random(seed);
        string[] labels = ["PASS", "NO_PASS", "MISSING", "pass", "BRIDGE"];
        for (int trial = 0; trial < 40; trial++)
        {
            int n = rng.Next(1, trial < 30 ? 400 : 60_000);
            // Few distinct scores in some trials (ties at the cut), full precision in others.
            int distinct = rng.Next(3) == 0 ? rng.Next(1, 6) : 0;
            var rows = Enumerable.Range(0, n).Select(_ => (labels[rng.Next(rng.Next(2) == 0 ? 2 : labels.Length)],
                distinct > 0 ? rng.Next(distinct) / (double)distinct : rng.NextDouble())).ToArray();
            var t = Table(rows);
            if (rng.Next(4) == 0) rows[rng.Next(n)].Item2 = -0.0;
            if (rng.Next(4) == 0) rows[rng.Next(n)].Item2 = 0.0;
            t = Table(rows);
            double threshold = rng.Next(6) switch { 0 => rows[rng.Next(n)].Item2, 1 => 0.0, 2 => -0.0, _ => rng.NextDouble() };
            int? k = rng.Next(5) == 0 ? null : rng.Next(3) == 0 ? rng.Next(1, 4) : rng.Next(1, Math.Max(2, n / 3));
            // Without a sweep, with one that counted tie groups, and with one that sorted the scores
            // (the PASS group's order statistics then come from its sorted negatives).
            var sweep = rng.Next(3) switch
            {
                0 => null,
                1 => Core.Metrics.ScoreSweep.Build(t.Scores, t.NoPassFlags()),
                _ => Core.Metrics.ScoreSweep.BuildBySorting(t.Scores, t.NoPassFlags()),
            };
            var (weak, perLabel) = AoiAnalysis.WeakAndPerLabel(t, threshold, k, sweep);
            var (naiveRows, naiveWeakness) = NaiveTopK(t, threshold, k);
            Assert.Equal(naiveRows, weak.Rows.ToArray());
            Assert.Equal(naiveWeakness, weak.Weakness.ToArray());
            var alone = k is { } kk ? AoiAnalysis.TopKPerLabel(t, threshold, kk) : AoiAnalysis.Misclassified(t, threshold);
            Assert.Equal(alone.Rows.ToArray(), weak.Rows.ToArray());
            var byQuickselect = AoiAnalysis.PerLabel(t, threshold).ToArray();
            Assert.Equal(byQuickselect, perLabel.ToArray());
            // Bit for bit (a zero's sign too: metrics.json would print -0.0).
            Assert.Equal(byQuickselect.Select(l => BitConverter.DoubleToInt64Bits(l.MedianWeakness)), perLabel.Select(l => BitConverter.DoubleToInt64Bits(l.MedianWeakness)));
            foreach (var s in perLabel)
            {
                var w = Enumerable.Range(0, n).Where(r => t.Groups[t.GroupOf(r)] == s.Group).Select(r => t.Weakness(r, threshold)).ToList();
                double sum = 0;
                foreach (double x in w) sum += x;
                var sorted = w.Order().ToList();
                double median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2.0;
                Assert.Equal(new AoiLabelStats(s.Group, w.Count, sum / w.Count, median, w.Max(), w.Count(x => x > 0)), s);
            }
        }
    }

    [Fact]
    public void TheKthLargestIsTheSameByHeapAndByQuickselect()
    {
        var rng = new Random(4);
        for (int trial = 0; trial < 200; trial++)
        {
            int n = rng.Next(1, 5000);
            var values = Enumerable.Range(0, n).Select(_ => rng.Next(2) == 0 ? rng.Next(10) : rng.NextDouble()).ToArray();
            int k = rng.Next(1, n + 1);
            var sorted = values.OrderDescending().ToArray();
            var (cut, above) = AoiAnalysis.KthLargest((double[])values.Clone(), k);
            Assert.Equal(sorted[k - 1], cut);
            Assert.Equal(sorted.Count(x => x > cut), above);
        }
    }

    [Fact]
    public void AtAZeroThresholdANegativeZeroScoreKeepsItsSignedWeakness()
    {
        // Sorted scores read -0.0 as 0.0; at threshold 0, -0.0 - 0 is -0.0 but 0.0 - 0 is 0.0, and
        // metrics.json prints the median's sign.
        var t = Table(("PASS", -0.0), ("PASS", -0.0), ("PASS", -0.0), ("NO_PASS", 0.9));
        var sweep = Core.Metrics.ScoreSweep.BuildBySorting(t.Scores, t.NoPassFlags());
        double expected = AoiAnalysis.PerLabel(t, 0.0)[0].MedianWeakness;
        Assert.True(double.IsNegative(expected));
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(AoiAnalysis.WeakAndPerLabel(t, 0.0, 1, sweep).PerLabel[0].MedianWeakness));
    }

    [Fact]
    public void TheMediansSeeTheValuesInCsvOrderWhateverTheTopKSelectionDoesToThem()
    {
        // Found by differential testing against the build before: the top-K quickselect reordered the
        // weaknesses before the median was taken, so another zero (-0.0 or 0.0) ended in the middle
        // and metrics.json printed "median_weakness": -0.0 where TAO's order gives 0.0.
        var pass = Table(("PASS", -0.5), ("PASS", -0.0), ("PASS", -0.5), ("PASS", -0.0), ("PASS", 0.0), ("NO_PASS", 0.9));
        var noPass = Table(("NO_PASS", 0.5), ("NO_PASS", 0.0), ("NO_PASS", 0.5), ("NO_PASS", 0.0), ("NO_PASS", -0.0), ("PASS", -0.9));
        foreach (var (t, threshold) in new[] { (pass, 0.0), (pass, -0.0), (noPass, 0.0), (noPass, -0.0) })
        {
            var expected = AoiAnalysis.PerLabel(t, threshold).Select(l => BitConverter.DoubleToInt64Bits(l.MedianWeakness)).ToArray();
            foreach (int k in new[] { 1, 2, 3, 4 })
            {
                var sweep = Core.Metrics.ScoreSweep.BuildBySorting(t.Scores, t.NoPassFlags());
                Assert.Equal(expected, AoiAnalysis.WeakAndPerLabel(t, threshold, k, sweep).PerLabel.Select(l => BitConverter.DoubleToInt64Bits(l.MedianWeakness)));
                Assert.Equal(expected, AoiAnalysis.WeakAndPerLabel(t, threshold, k).PerLabel.Select(l => BitConverter.DoubleToInt64Bits(l.MedianWeakness)));
            }
        }
    }
}
