using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Reports;
using GapLens.Judging.Analysis;

namespace GapLens.Jobs.Scoring;

/// <summary>
/// The report of <c>analyze plot</c> (VMEvalKit's analysis/plot.py, without its flaws) as the report
/// model: the model ranking with Wilson intervals, domain difficulty, the model x domain success grid
/// and the score distribution per model, each a table (also written as CSV) and a figure. Skipped and
/// failed items are counted in their own columns, never as zeros.
/// </summary>
public static class ScoreReportBuilder
{
    public const string Kind = "vmeval.scores";
    private static readonly string[] ScoreColors = ["#c92a2a", "#e8590c", "#f2c200", "#82c91e", "#2b8a3e"];

    /// <param name="s">The scores, summarised.</param>
    /// <param name="unreadableFiles">Score files that could not be read (counted apart).</param>
    /// <param name="gallery">The items worst first (<see cref="ScoreGallery"/>), or null for none.</param>
    /// <param name="whereItFails">The "Where it fails" section (<see cref="Slices.SliceBlocks.Section"/>), or null for none.</param>
    public static Report Build(ScoreSummary s, int unreadableFiles, GalleryBlock? gallery = null, ReportSection? whereItFails = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        string pass = s.PassAtOrAbove.ToString("0.##", CultureInfo.InvariantCulture);
        var ranked = s.Ranking.Where(r => r.SuccessRate is not null).ToList();
        var ranking = new Table("model_ranking", "Model ranking",
            [
                new TableColumn("model", "model"), new TableColumn("scored", "scored", Numeric: true), new TableColumn("skipped", "skipped", Numeric: true),
                new TableColumn("failed", "failed", Direction.LowerIsBetter, Numeric: true), new TableColumn("successes", "successes", Numeric: true),
                new TableColumn("success_rate", "success rate (95% CI)", Direction.HigherIsBetter, "score >= " + pass + " among scored items; Wilson 95% interval", Numeric: true),
                new TableColumn("mean_score", "mean score", Direction.HigherIsBetter, "mean 1-5 score of the scored items", Numeric: true),
            ],
            [.. s.Ranking.Select(r => ImmutableArray.Create<Cell>(r.Model, Cell.Count(r.Scored), Cell.Count(r.Skipped), Cell.Count(r.Failed), Cell.Count(r.Successes),
                Cell.Number(r.SuccessRate, NumberFormat.Percent(1), r.SuccessCi95), Cell.Number(r.MeanScore, NumberFormat.Fixed(2))))],
            "Skipped (not scorable, e.g. no ground-truth frame) and failed (the judge failed) items are counted apart and left out of every rate.");
        var domains = new Table("domain_difficulty", "Domain difficulty (hardest first)",
            [
                new TableColumn("domain", "domain"), new TableColumn("models", "models", Numeric: true), new TableColumn("scored", "scored", Numeric: true),
                new TableColumn("macro_success_rate", "macro success rate", Direction.HigherIsBetter, "the mean of the per-model success rates (each model counts once)", Numeric: true),
            ],
            [.. s.Domains.Select(d => ImmutableArray.Create<Cell>(d.Domain, Cell.Count(d.Models), Cell.Count(d.Scored), Cell.Number(d.MacroSuccessRate, NumberFormat.Percent(1))))]);
        var cells = new Table("model_domain", "Success rate by model and domain",
            [
                new TableColumn("model", "model"), new TableColumn("domain", "domain"), new TableColumn("scored", "scored", Numeric: true),
                new TableColumn("successes", "successes", Numeric: true), new TableColumn("success_rate", "success rate", Direction.HigherIsBetter, Numeric: true),
            ],
            [.. s.Cells.OrderBy(c => ModelIndex(s, c.Model)).ThenBy(c => DomainIndex(s, c.Domain))
                .Select(c => ImmutableArray.Create<Cell>(c.Model, c.Domain, Cell.Count(c.Scored), Cell.Count(c.Successes), Cell.Number(c.SuccessRate, NumberFormat.Percent(1))))],
            "Models in ranking order, domains hardest first (the order of every chart).");
        var models = s.Ranking.Select(r => r.Model).ToList();
        var distribution = new Table("score_distribution", "Score distribution per model (scored items)",
            [new TableColumn("model", "model"), .. Enumerable.Range(1, 5).Select(v => new TableColumn($"score_{v}", $"score {v}", Numeric: true))],
            [.. models.Select(m => ImmutableArray.Create<Cell>([m, .. s.Distribution[m].Select(n => Cell.Count(n))]))]);

        // One domain order in every chart: hardest first, as the difficulty table.
        var domainOrder = s.Domains.Select(d => d.Domain).ToList();
        var rankingChart = new BarChart("model_ranking", "Model ranking: success rate with Wilson 95% CI", $"Success = score >= {pass}; error bars are Wilson 95% intervals.",
            [.. ranked.Select(r => r.Model)],
            [new BarSeries("success rate", [.. ranked.Select(r => (double?)(r.SuccessRate!.Value * 100))],
                [.. ranked.Select(r => r.SuccessCi95 is { } ci ? ci with { Lower = ci.Lower * 100, Upper = ci.Upper * 100 } : null)], "#4c7fc0")],
            new Axis("success rate, % (higher is better)", 0, 105), "model");
        var difficultyChart = new BarChart("domain_difficulty", "Domain difficulty (hardest first)", "Macro average over models of the per-model success rate (higher is better).",
            [.. s.Domains.Where(d => d.MacroSuccessRate is not null).Select(d => d.Domain)],
            [new BarSeries("macro success rate", [.. s.Domains.Where(d => d.MacroSuccessRate is not null).Select(d => (double?)(d.MacroSuccessRate!.Value * 100))], [], "#e8590c")],
            new Axis("macro success rate, %", 0, 105), "domain");
        var heatmap = new HeatmapChart("model_domain_heatmap", "Success rate by model and domain", "Each cell: success rate and the number of scored items; grey cells have no scored item.",
            [.. models], [.. domainOrder],
            [.. models.Select(m => ImmutableArray.CreateRange(domainOrder.Select(d => GridCell(s, m, d)?.SuccessRate is { } v ? (double?)(v * 100) : null)))],
            [.. models.Select(m => ImmutableArray.CreateRange(domainOrder.Select(d => GridCell(s, m, d) is { SuccessRate: { } v } c
                ? string.Create(CultureInfo.InvariantCulture, $"{v * 100:F0}% (n={c.Scored})") : "n/a")))],
            "model", "domain", "success %", 0, 100);
        var distributionChart = new BarChart("score_distribution", "Score distribution per model (skipped and failed items excluded)", "Share of each 1-5 score among a model's scored items.",
            [.. models],
            [.. Enumerable.Range(0, 5).Select(v => new BarSeries($"score {v + 1}",
                [.. models.Select(m => { double total = Math.Max(1, s.Distribution[m].Sum()); return (double?)(s.Distribution[m][v] / total * 100); })], [], ScoreColors[v]))],
            new Axis("share of scored items, %", 0, 105), "model", Stacked: true);

        var best = s.Ranking.FirstOrDefault(r => r.SuccessRate is not null);
        var verdict = best is null
            ? new Verdict(Tone.Bad, "No item has a score: nothing to rank.", [])
            : new Verdict(Tone.Info, string.Create(CultureInfo.InvariantCulture,
                $"{s.Ranking.Length} models on {s.Domains.Length} domains; the best, {best.Model}, succeeds on {NumberFormat.Percent(1).Format(best.SuccessRate)} of its scored items {NumberFormat.Percent(1).Format(best.SuccessCi95)}."),
                [.. unreadableFiles > 0 ? [string.Create(CultureInfo.InvariantCulture, $"{unreadableFiles} score file(s) could not be read; they are counted apart (see the log).")] : Array.Empty<string>()]);
        return new Report(Kind, $"Video model scores: {s.Evaluator}", $"Success = score >= {pass}. Intervals: Wilson 95%.", verdict,
        [
            new ReportSection("ranking", "Model ranking", [new TableBlock(ranking), Chart(rankingChart)]),
            new ReportSection("domains", "Domain difficulty", [new TableBlock(domains), Chart(difficultyChart)]),
            new ReportSection("grid", "Model x domain", [new FigureBlock(heatmap), new TableBlock(cells)]),
            new ReportSection("distribution", "Score distribution", [new FigureBlock(distributionChart), new TableBlock(distribution)]),
            .. whereItFails is null ? Array.Empty<ReportSection>() : [whereItFails],
            .. gallery is null ? Array.Empty<ReportSection>() : [new ReportSection("gallery", "Items, worst first", [gallery])],
        ], []);
    }

    private static int ModelIndex(ScoreSummary s, string model) => s.Ranking.Select(r => r.Model).ToList().IndexOf(model);

    private static int DomainIndex(ScoreSummary s, string domain) => s.Domains.Select(d => d.Domain).ToList().IndexOf(domain);

    /// <summary>A bar chart, or a note when it has no bar (every item skipped or failed): an empty
    /// chart says nothing and has no axis range to draw.</summary>
    private static Block Chart(BarChart chart) => chart.Categories.IsEmpty
        ? new CalloutBlock(Tone.Warning, $"{chart.Title}: no chart, no item has a score (every item was skipped or failed).")
        : new FigureBlock(chart);

    private static ModelDomainCell? GridCell(ScoreSummary s, string model, string domain) => s.Cells.FirstOrDefault(c => c.Model == model && c.Domain == domain);
}
