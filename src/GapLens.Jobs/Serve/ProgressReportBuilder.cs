using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Reports;
using GapLens.Judging.Analysis;
using GapLens.Judging.Human;
using GapLens.Statistics;

namespace GapLens.Jobs.Serve;

/// <summary>
/// The Progress page of <c>gaplens serve</c> as the report model: how far the scoring is (overall, per
/// model and task type, per annotator) and the agreement so far (Krippendorff's alpha between the
/// humans, quadratic kappa of the judge against the humans' consensus and against each annotator, with
/// bootstrap intervals). Every number is computed here or in the statistics library; the page only
/// writes them, through the report model's formats.
/// </summary>
public static class ProgressReportBuilder
{
    public const string Kind = "serve.progress";

    public static Report Build(ScoringProgress p, HumanPanel panel, string? evaluator, int resamples)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(panel);
        var f3 = NumberFormat.Fixed(3);
        var pct = NumberFormat.Percent(1);
        var o = p.Overall;
        var verdict = new Verdict(o.Complete == o.Items ? Tone.Good : Tone.Info,
            string.Create(CultureInfo.InvariantCulture, $"{o.Complete:#,0} of {o.Items:#,0} items complete ({pct.Format(o.Items == 0 ? null : (double)o.Complete / o.Items)}), {p.Overlap} annotator(s) per item."),
            [
                string.Create(CultureInfo.InvariantCulture, $"{p.Submissions:#,0} submission(s) by {p.Annotators.Length} annotator(s); {o.Scored:#,0} item(s) have at least one score, {o.UnsureOnly:#,0} only \"unsure\" answers; {o.InProgress:#,0} open in a browser right now."),
                .. p.OrphanSubmissions > 0 ? [string.Create(CultureInfo.InvariantCulture, $"{p.OrphanSubmissions:#,0} submission(s) are for items no longer in the outputs folder (kept in the log, not counted here).")] : (string[])[],
            ]);
        string boot = string.Create(CultureInfo.InvariantCulture, $"95% bootstrap interval over items ({resamples:#,0} resamples)");
        var agreement = new MetricsBlock(
        [
            new Metric("alpha_ordinal", "Krippendorff's alpha between humans (ordinal)", panel.AlphaOrdinal.Value, f3, Direction.HigherIsBetter,
                string.Create(CultureInfo.InvariantCulture, $"{panel.ItemsWithTwoOrMore:#,0} item(s) scored by two or more annotators; {boot}{Band(panel.AlphaOrdinal)}"),
                panel.AlphaOrdinalBootstrap.Interval, UndefinedReason: panel.AlphaOrdinal.UndefinedReason),
            new Metric("alpha_interval", "Krippendorff's alpha between humans (interval)", panel.AlphaInterval.Value, f3, Direction.HigherIsBetter,
                $"the same items, score differences weighed by their square{Band(panel.AlphaInterval)}", UndefinedReason: panel.AlphaInterval.UndefinedReason),
            new Metric("judge_kappa", evaluator is null ? "Judge vs humans (quadratic kappa)" : $"Judge {evaluator} vs humans' consensus (quadratic kappa)", panel.JudgeVsConsensus.Value, f3, Direction.HigherIsBetter,
                evaluator is null ? "no judge score files in the evaluations folder"
                    : string.Create(CultureInfo.InvariantCulture, $"{panel.JudgePairs:#,0} item(s) scored by both; consensus = lower median of the annotators' latest scores; {boot}{Band(panel.JudgeVsConsensus)}"),
                panel.JudgeVsConsensusBootstrap.Interval, UndefinedReason: evaluator is null ? "no judge" : panel.JudgeVsConsensus.UndefinedReason),
        ]);
        var perAnnotatorJudge = new Table("judge_vs_annotator", evaluator is null ? "Judge vs each annotator" : $"Judge {evaluator} vs each annotator",
            [new TableColumn("annotator", "annotator"), new TableColumn("n", "items", Numeric: true),
             new TableColumn("kappa", "quadratic kappa", Direction.HigherIsBetter, Numeric: true),
             new TableColumn("exact", "exact agreement", Direction.HigherIsBetter, Numeric: true),
             new TableColumn("difference", "mean difference (judge - annotator)", Numeric: true)],
            [.. panel.JudgeVsAnnotator.Select(a => ImmutableArray.Create<Cell>(a.Annotator, Cell.Count(a.N),
                a.QuadraticKappa.Value is { } k ? Cell.Number(k, f3) : Cell.Of($"{NumberFormat.Undefined} ({a.QuadraticKappa.UndefinedReason})"),
                Cell.Number(a.ExactAgreement, pct), Cell.Number(a.MeanDifference, NumberFormat.Fixed(2))))]);
        var annotators = new Table("annotators", "Per annotator",
            [new TableColumn("annotator", "annotator"), new TableColumn("submissions", "submissions", Numeric: true), new TableColumn("items", "items answered", Numeric: true),
             new TableColumn("scores", "scored", Numeric: true), new TableColumn("unsure", "unsure", Numeric: true), new TableColumn("reviews", "reviews", Numeric: true),
             new TableColumn("resubmissions", "re-submissions", Numeric: true), new TableColumn("median_seconds", "median seconds per answer", Numeric: true)],
            [.. p.Annotators.Select(a => ImmutableArray.Create<Cell>(a.Annotator, Cell.Count(a.Submissions), Cell.Count(a.Items), Cell.Count(a.Scores), Cell.Count(a.Unsure),
                Cell.Count(a.Reviews), Cell.Count(a.Resubmissions), Cell.Number(a.MedianSeconds, NumberFormat.Fixed(1))))],
            "Items answered, scored and unsure count each annotator's latest answer per item; a re-submission replaces an earlier answer and is counted once.");
        return new Report(Kind, "Scoring progress", $"{p.Overlap} annotator(s) per item; counts from each annotator's latest answer.", verdict,
        [
            new ReportSection("agreement", "Agreement so far", [agreement, new TableBlock(perAnnotatorJudge)]),
            new ReportSection("annotators", "Annotators", [new TableBlock(annotators)]),
            new ReportSection("by_model_task", "By model and task type",
            [
                new TableBlock(Groups("by_model", "By model", "model", p.ByModel, p.Overlap)),
                new TableBlock(Groups("by_task_type", "By task type", "task type", p.ByTaskType, p.Overlap)),
                new TableBlock(Groups("by_model_and_task_type", "By model and task type", "model / task type", p.ByModelAndTaskType, p.Overlap)),
            ]),
        ], []);
    }

    private static string Band(AgreementResult a) => a.Band is null ? "" : $"; Landis-Koch: {a.Band}";

    private static Table Groups(string id, string caption, string what, ImmutableArray<GroupProgress> groups, int overlap) => new(id, caption,
        [new TableColumn("name", what), new TableColumn("items", "items", Numeric: true), new TableColumn("scored", "with a score", Numeric: true),
         new TableColumn("complete", string.Create(CultureInfo.InvariantCulture, $"complete ({overlap} annotator(s))"), Direction.HigherIsBetter, Numeric: true),
         new TableColumn("complete_share", "complete", Direction.HigherIsBetter, Numeric: true),
         new TableColumn("unsure_only", "unsure only", Numeric: true), new TableColumn("in_progress", "open now", Numeric: true)],
        [.. groups.Select(g => ImmutableArray.Create<Cell>(g.Name, Cell.Count(g.Items), Cell.Count(g.Scored), Cell.Count(g.Complete),
            Cell.Number(g.Items == 0 ? null : (double)g.Complete / g.Items, NumberFormat.Percent(1)), Cell.Count(g.UnsureOnly), Cell.Count(g.InProgress)))]);
}
