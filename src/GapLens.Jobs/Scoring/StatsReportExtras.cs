using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Reports;
using GapLens.Judging.Analysis;

namespace GapLens.Jobs.Scoring;

/// <summary>
/// Parts of the judge-vs-human report beyond the agreement statistics: the 5x5 confusion matrix of
/// judge against human scores (what scikit-learn's ConfusionMatrixDisplay shows for ordinal 1-5
/// scores) and the pairwise model comparisons by each rater, Benjamini-Hochberg adjusted.
/// </summary>
public static class StatsReportExtras
{
    public const string ComparisonsTableId = "model_comparisons";

    /// <summary>Rows: the human's score (the reference), columns: the judge's, 1 to 5; each cell the number of items.</summary>
    public static HeatmapChart Confusion(AgreementReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var counts = new int[5, 5];
        foreach (var p in r.Pairing.Pairs)
        {
            if (p.Human is >= 1 and <= 5 && p.Judge is >= 1 and <= 5) counts[p.Human - 1, p.Judge - 1]++;
        }
        int max = Math.Max(1, counts.Cast<int>().Max());
        string[] labels = ["1", "2", "3", "4", "5"];
        return new HeatmapChart("confusion", "Judge vs human scores: confusion matrix",
            "Rows: the human's score; columns: the judge's. The diagonal is exact agreement; cells right of it are items the judge scores higher than the human.",
            [.. labels], [.. labels],
            [.. Enumerable.Range(0, 5).Select(i => ImmutableArray.CreateRange(Enumerable.Range(0, 5).Select(j => (double?)counts[i, j])))],
            [.. Enumerable.Range(0, 5).Select(i => ImmutableArray.CreateRange(Enumerable.Range(0, 5).Select(j => counts[i, j].ToString(CultureInfo.InvariantCulture))))],
            "human score", "judge score", "items", 0, max);
    }

    public static Table ComparisonsTable(IReadOnlyList<ModelComparison> comparisons)
    {
        ArgumentNullException.ThrowIfNull(comparisons);
        var f3 = NumberFormat.Fixed(3);
        return new Table(ComparisonsTableId, "Pairwise model comparisons on shared tasks",
            [
                new TableColumn("rater", "rater"), new TableColumn("model_a", "model A"), new TableColumn("model_b", "model B"),
                new TableColumn("tasks", "shared tasks", Numeric: true),
                new TableColumn("pass_rate_a", "pass rate A", Direction.HigherIsBetter, Numeric: true), new TableColumn("pass_rate_b", "pass rate B", Direction.HigherIsBetter, Numeric: true),
                new TableColumn("mcnemar_p", "McNemar p", Legend: "exact McNemar test on pass/fail over the shared tasks", Numeric: true),
                new TableColumn("bh_p", "BH-adjusted p", Legend: "Benjamini-Hochberg over every comparison of this rater", Numeric: true),
                new TableColumn("verdict", "at 5% FDR"),
                new TableColumn("mean_difference", "mean score A - B (95% CI)", Legend: "paired bootstrap percentile interval, seeded", Numeric: true),
            ],
            [.. comparisons.Select(c => ImmutableArray.Create<Cell>(c.Rater, c.ModelA, c.ModelB, Cell.Count(c.Tasks),
                Cell.Number(c.PassRateA, NumberFormat.Percent(1)), Cell.Number(c.PassRateB, NumberFormat.Percent(1)),
                Cell.Number(c.McNemar.PValue, NumberFormat.PValue), Cell.Number(c.AdjustedP, NumberFormat.PValue),
                c.Significant switch
                {
                    true => new BadgeCell(c.PassRateA > c.PassRateB ? "A passes more" : "B passes more", Tone.Info),
                    false => new BadgeCell("no difference shown", Tone.Warning),
                    null => new BadgeCell("n/a", Tone.Warning),
                },
                Cell.Number(double.IsFinite(c.MeanDifference.Observed) ? c.MeanDifference.Observed : null, f3, c.MeanDifference.Interval)))],
            "Tasks pair by experiment, task type and task id. A comparison is significant when its BH-adjusted p is below 0.05; n/a: the two models never differ on pass/fail (no discordant task), so McNemar's test is undefined.");
    }

    /// <summary>The comparisons section: the table (pairs of models with shared tasks), and where the
    /// judge and the humans reach different conclusions.</summary>
    public static ReportSection ComparisonSection(AgreementReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var all = Compute(r);
        var comparisons = all.Where(c => c.Tasks > 0).ToList();
        int apart = all.Count(c => c.Tasks == 0) / 2; // each pair appears once per rater
        var blocks = new List<Block>();
        if (comparisons.Count > 0) blocks.Add(new TableBlock(ComparisonsTable(comparisons)));
        if (apart > 0)
        {
            blocks.Add(new ParagraphBlock(string.Create(CultureInfo.InvariantCulture,
                $"{apart} pair(s) of models share no task (same experiment, task type and task id) and cannot be compared item by item."), IsLegend: true));
        }
        var human = comparisons.Where(c => c.Rater == "human").ToDictionary(c => (c.ModelA, c.ModelB));
        var judged = comparisons.Where(c => c.Rater == "judge" && human.ContainsKey((c.ModelA, c.ModelB))).ToList();
        var differ = judged.Where(c => Conclusion(human[(c.ModelA, c.ModelB)]) != Conclusion(c))
            .Select(c => $"{c.ModelA} vs {c.ModelB}: humans say {Conclusion(human[(c.ModelA, c.ModelB)])}, the judge says {Conclusion(c)}").ToList();
        if (all.Count == 0) blocks.Add(new ParagraphBlock("Only one model is scored: there is nothing to compare."));
        else if (judged.Count == 0) blocks.Add(new ParagraphBlock("No two models share a task: there is no paired comparison."));
        else if (differ.Count == 0) blocks.Add(new CalloutBlock(Tone.Good, string.Create(CultureInfo.InvariantCulture, $"The judge reaches the humans' conclusion on all {judged.Count} pair(s) of models with shared tasks.")));
        else blocks.Add(new CalloutBlock(Tone.Warning, "The judge and the humans disagree on which model passes more: " + string.Join("; ", differ) + "."));
        return new ReportSection("model_comparisons", "Model comparisons (judge and human)", [.. blocks]);
    }

    public static IReadOnlyList<ModelComparison> Compute(AgreementReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return ModelComparisons.Of(r.Pairing.Pairs, r.PassAtOrAbove, r.MeanDifferencePercentile.Resamples, r.MeanDifferencePercentile.Seed);
    }

    private static string Conclusion(ModelComparison c) => c.Significant switch
    {
        true => c.PassRateA > c.PassRateB ? $"{c.ModelA} passes more" : $"{c.ModelB} passes more",
        false => "no difference shown",
        null => "undefined",
    };
}
