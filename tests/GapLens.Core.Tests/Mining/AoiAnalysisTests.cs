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
}
