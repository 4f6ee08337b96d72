using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core;
using GapLens.Core.Reports;
using GapLens.IO.Documents;
using GapLens.Judging.Analysis;
using GapLens.Statistics;

namespace GapLens.Jobs.Scoring;

/// <summary>
/// The judge-vs-human report of <c>analyze stats</c> as the report model (Markdown and HTML render it)
/// and as stats.json: pairing counts, descriptives, agreement, pass/fail agreement, the difference with
/// bootstrap intervals and equivalence, per task type, the learning curve and the scatter plot. The
/// equivalence decision and the fitted line are computed here, never in a renderer.
/// </summary>
public static class StatsReportBuilder
{
    public const string Kind = "vmeval.agreement";

    public static Report Build(AgreementReport r, string judgeDir, string humanDir, double alpha = AnalysisDefaults.Alpha, HumanPanel? annotators = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        var p = r.Pairing;
        var f4 = NumberFormat.Fixed(4);
        bool? equivalent = r.Equivalence.PValue is { } tostP ? tostP < alpha : null;
        string pass = r.PassAtOrAbove.ToString("0.##", CultureInfo.InvariantCulture);
        var q = r.KappaQuadratic;
        var diff = r.MeanDifferencePercentile;
        string equivalence = equivalent switch
        {
            true => $"equivalent within ±{Num(r.EquivalenceMargin)} (TOST p = {NumberFormat.PValue.Format(r.Equivalence.PValue)} < {Num(alpha)})",
            false => $"equivalence within ±{Num(r.EquivalenceMargin)} not shown (TOST p = {NumberFormat.PValue.Format(r.Equivalence.PValue)})",
            null => $"equivalence undefined ({r.Equivalence.UndefinedReason})",
        };
        var tone = q.Value is not { } kq || kq < 0.4 ? Tone.Bad : equivalent == true && kq >= 0.6 ? Tone.Good : Tone.Warning;
        var verdict = new Verdict(tone, string.Create(CultureInfo.InvariantCulture,
            $"{p.Pairs.Length:#,0} paired items: quadratic kappa {f4.Format(q.Value)} ({q.Band ?? q.UndefinedReason}); mean difference (judge - human) {f4.Format(diff.Observed)} {f4.Format(diff.Interval)}; {equivalence}."),
            [string.Create(CultureInfo.InvariantCulture, $"Unpaired: {p.JudgeOnly} judge only, {p.HumanOnly} human only; skipped/failed: judge {p.JudgeSkipped}/{p.JudgeFailed}, human {p.HumanSkipped}/{p.HumanFailed}; {p.BadFiles.Length} unreadable file(s).")]);

        var items = new Table("items", "Items", [new TableColumn("what", ""), new TableColumn("count", "count", Numeric: true)],
        [
            [Cell.Of("paired (scored by both)"), Cell.Count(p.Pairs.Length)],
            [Cell.Of("judge only"), Cell.Count(p.JudgeOnly)],
            [Cell.Of("human only"), Cell.Count(p.HumanOnly)],
            [Cell.Of("judge skipped / failed"), Cell.Of($"{p.JudgeSkipped} / {p.JudgeFailed}")],
            [Cell.Of("human skipped / failed"), Cell.Of($"{p.HumanSkipped} / {p.HumanFailed}")],
            [Cell.Of("unreadable files"), Cell.Count(p.BadFiles.Length)],
        ], "Skipped and failed items are not scores: they are counted here and left out of every statistic.");
        var scores = new Table("scores", "Scores", [new TableColumn("rater", "rater"), new TableColumn("mean", "mean", Numeric: true), new TableColumn("std", "std (ddof 1)", Numeric: true),
            new TableColumn("median", "median", Numeric: true), new TableColumn("min", "min", Numeric: true), new TableColumn("max", "max", Numeric: true)],
            [.. new[] { ("judge", r.Judge), ("human", r.Human) }.Select(x => ImmutableArray.Create<Cell>(x.Item1,
                Cell.Number(x.Item2.Mean, f4), Cell.Number(x.Item2.Std, f4), Cell.Number(x.Item2.Median, f4), Cell.Number(x.Item2.Min, f4), Cell.Number(x.Item2.Max, f4)))]);
        var agreement = new MetricsBlock(
        [
            Kappa("cohen_kappa_quadratic", "Cohen's kappa, quadratic weights", r.KappaQuadratic, "use this for 1-5 scores: disagreements weigh by their squared distance"),
            Kappa("cohen_kappa_linear", "Cohen's kappa, linear weights", r.KappaLinear, null),
            Kappa("cohen_kappa", "Cohen's kappa, unweighted", r.Kappa, "exact agreement beyond chance"),
            Kappa("krippendorff_alpha_ordinal", "Krippendorff's alpha, ordinal", r.AlphaOrdinal, null),
            Kappa("krippendorff_alpha_interval", "Krippendorff's alpha, interval", r.AlphaInterval, null),
        ]);
        var correlations = Tests("correlations", "Correlations", [("Pearson r", r.Pearson), ("Spearman rho", r.Spearman), ("Kendall tau-b", r.Kendall)]);
        var c = r.PassConfusion;
        var passFail = new MetricsBlock(
        [
            new Metric("pass_accuracy", "pass/fail agreement", r.PassAccuracy.Value, f4, Direction.HigherIsBetter, $"share of items both call pass (score >= {pass}) or both call fail", r.PassAccuracy.Ci95, UndefinedReason: r.PassAccuracy.UndefinedReason),
            new Metric("pass_tpr", "judge passes what humans pass (TPR)", r.PassTpr.Value, f4, Direction.HigherIsBetter, null, r.PassTpr.Ci95, UndefinedReason: r.PassTpr.UndefinedReason),
            new Metric("pass_tnr", "judge fails what humans fail (TNR)", r.PassTnr.Value, f4, Direction.HigherIsBetter, null, r.PassTnr.Ci95, UndefinedReason: r.PassTnr.UndefinedReason),
            Kappa("pass_kappa", "pass/fail kappa", r.PassKappa, null),
        ]);
        var passTable = new Table("pass_confusion", "Pass/fail (human as reference)",
            [new TableColumn("judge", ""), new TableColumn("human_pass", "human: pass", Numeric: true), new TableColumn("human_fail", "human: fail", Numeric: true)],
            [[Cell.Of("judge: pass"), Cell.Count(c.Tp), Cell.Count(c.Fp)], [Cell.Of("judge: fail"), Cell.Count(c.Fn), Cell.Count(c.Tn)]]);
        var bca = r.MeanDifferenceBca;
        var difference = new MetricsBlock(
        [
            new Metric("mean_difference", "mean difference (judge - human)", diff.Observed, f4, Direction.Neutral,
                string.Create(CultureInfo.InvariantCulture, $"bootstrap percentile 95% interval, {diff.Resamples:#,0} resamples, seed {diff.Seed}; 0 = no bias"), diff.Interval, UndefinedReason: diff.UndefinedReason),
            new Metric("mean_difference_bca", "mean difference, BCa interval", bca.Observed, f4, Direction.Neutral, "bias-corrected and accelerated bootstrap", bca.Interval, UndefinedReason: bca.UndefinedReason),
        ]);
        var differenceTests = Tests("difference_tests", "Tests on the difference",
            [("paired t test", r.PairedT), ("Wilcoxon signed-rank", r.Wilcoxon), ($"equivalence (TOST, margin ±{Num(r.EquivalenceMargin)})", r.Equivalence)]);
        var byType = new Table("by_task_type", "By task type",
            [new TableColumn("task_type", "task type"), new TableColumn("n", "n", Numeric: true), new TableColumn("mean_difference", "mean difference", Numeric: true),
             new TableColumn("exact_agreement", "exact agreement", Direction.HigherIsBetter, Numeric: true), new TableColumn("quadratic_kappa", "quadratic kappa", Direction.HigherIsBetter, Numeric: true),
             new TableColumn("pass_agreement", "pass agreement", Direction.HigherIsBetter, Numeric: true)],
            [.. r.ByTaskType.Select(t => ImmutableArray.Create<Cell>(t.TaskType, Cell.Count(t.N), Cell.Number(t.MeanDifference, f4), Cell.Number(t.ExactAgreement, f4),
                Cell.Of(t.QuadraticKappa.Value is { } v ? $"{f4.Format(v)} ({t.QuadraticKappa.Band})" : $"n/a ({t.QuadraticKappa.UndefinedReason})"), Cell.Number(t.PassAgreement, f4)))]);
        var learning = new Table("learning_curve", "Learning curve (quadratic kappa on nested subsamples)",
            [new TableColumn("n", "n", Numeric: true), new TableColumn("kappa", "quadratic kappa", Direction.HigherIsBetter, Numeric: true)],
            [.. r.LearningCurve.Select(x => ImmutableArray.Create<Cell>(Cell.Count(x.N), Cell.Number(double.IsFinite(x.Value) ? x.Value : null, f4)))],
            "How the agreement estimate settles as items are added (seeded permutation): a curve still moving at the right end needs more items.");
        return new Report(Kind, "Judge vs human agreement",
            $"Judge scores: {judgeDir}; human scores: {humanDir}. Differences are judge - human. Pass = score >= {pass}.", verdict,
        [
            new ReportSection("items", "Items", [new TableBlock(items)]),
            new ReportSection("scores", "Scores", [new TableBlock(scores)]),
            new ReportSection("agreement", "Agreement (higher is better)", [agreement, new TableBlock(correlations), new FigureBlock(Scatter(r)), new FigureBlock(StatsReportExtras.Confusion(r))]),
            new ReportSection("pass_fail", "Pass/fail agreement", [passFail, new TableBlock(passTable)]),
            new ReportSection("difference", "Difference (judge - human)",
            [
                difference,
                new TableBlock(differenceTests),
                new ParagraphBlock($"Equivalence: {equivalence}. A non-significant t test does not show that the judge is as good as a human; the TOST row does, for the stated margin.", IsLegend: true),
            ]),
            new ReportSection("by_task_type", "By task type", [new TableBlock(byType)]),
            new ReportSection("learning_curve", "Learning curve", [new TableBlock(learning)]),
            StatsReportExtras.ComparisonSection(r),
            .. annotators is null ? (ReportSection[])[] : [AnnotatorsSection.Section(annotators)],
        ], []);
    }

    private static string Num(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    private static Metric Kappa(string id, string label, AgreementResult a, string? legend) =>
        new(id, label, a.Value, NumberFormat.Fixed(4), Direction.HigherIsBetter, a.Band is null ? legend : legend is null ? $"Landis-Koch: {a.Band}" : $"{legend}; Landis-Koch: {a.Band}", UndefinedReason: a.UndefinedReason);

    private static Table Tests(string id, string caption, IEnumerable<(string Name, TestResult T)> tests) => new(id, caption,
        [new TableColumn("test", "test"), new TableColumn("statistic", "statistic", Numeric: true), new TableColumn("p_value", "p-value", Numeric: true), new TableColumn("note", "method")],
        [.. tests.Select(t => ImmutableArray.Create<Cell>(t.Name, Cell.Number(t.T.Statistic, NumberFormat.Fixed(4)), Cell.Number(t.T.PValue, NumberFormat.PValue), Cell.Of(t.T.UndefinedReason ?? t.T.Method)))]);

    /// <summary>Judge against human scores: deterministic jitter so equal pairs do not hide each other,
    /// the y = x line (perfect agreement) and the least-squares fit.</summary>
    private static ScatterChart Scatter(AgreementReport r)
    {
        double[] x = [.. r.Pairing.Pairs.Select(p => (double)p.Human)];
        double[] y = [.. r.Pairing.Pairs.Select(p => (double)p.Judge)];
        var rng = new Random(0);
        double[] jx = [.. x.Select(v => v + (rng.NextDouble() - 0.5) * 0.3)];
        double[] jy = [.. y.Select(v => v + (rng.NextDouble() - 0.5) * 0.3)];
        var lines = new List<ReferenceLine> { new(1, 0, "y = x (perfect agreement)", "#868e96", Dashed: true) };
        if (x.Length >= 2)
        {
            double mx = x.Average(), my = y.Average();
            double sxx = x.Sum(v => (v - mx) * (v - mx));
            if (sxx > 0)
            {
                double slope = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum() / sxx;
                lines.Add(new ReferenceLine(slope, my - slope * mx, string.Create(CultureInfo.InvariantCulture, $"least-squares fit (slope {slope:F2})"), "#e8590c"));
            }
        }
        return new ScatterChart("scatter", "Judge vs human scores", "Each point is one item (jittered so equal pairs stay visible).",
            new Axis("human score (1-5)", 0.5, 5.5), new Axis("judge score (1-5)", 0.5, 5.5), [.. jx], [.. jy],
            string.Create(CultureInfo.InvariantCulture, $"items (n = {x.Length}, jittered)"), [.. lines]);
    }

    /// <summary>stats.json: the same numbers for machines (undefined = null plus the reason).</summary>
    public static StatsDocument Document(AgreementReport r, string judgeDir, string humanDir, double alpha = AnalysisDefaults.Alpha, HumanPanel? annotators = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        var p = r.Pairing;
        var c = r.PassConfusion;
        return new StatsDocument(judgeDir, humanDir, r.PassAtOrAbove,
            new PairedItemsDocument(p.Pairs.Length, p.JudgeOnly, p.HumanOnly, p.JudgeSkipped, p.JudgeFailed, p.HumanSkipped, p.HumanFailed,
                [.. p.BadFiles.Select(b => new FileProblemDocument(b.File, b.Problem))]),
            Rater(r.Judge), Rater(r.Human),
            Test(r.PairedT), Test(r.Wilcoxon), Test(r.Pearson), Test(r.Spearman), Test(r.Kendall),
            Agree(r.Kappa), Agree(r.KappaLinear), Agree(r.KappaQuadratic), Agree(r.AlphaOrdinal), Agree(r.AlphaInterval),
            new PassFailDocument(c.Tp, c.Fp, c.Tn, c.Fn, N(r.PassAccuracy.Value), N(r.PassTpr.Value), N(r.PassTnr.Value), Agree(r.PassKappa)),
            Boot(r.MeanDifferencePercentile), Boot(r.MeanDifferenceBca),
            r.EquivalenceMargin, alpha, Test(r.Equivalence), r.Equivalence.PValue is { } tp ? tp < alpha : null,
            [.. r.LearningCurve.Select(x => new LearningPointDocument(x.N, N(x.Value)))],
            [.. r.ByTaskType.Select(t => new TaskTypeAgreementDocument(t.TaskType, t.N, N(t.MeanDifference), N(t.ExactAgreement), Agree(t.QuadraticKappa), N(t.PassAgreement)))])
        {
            Annotators = annotators is null ? null : AnnotatorsSection.Document(annotators),
        };
    }

    private static double? N(double? v) => v is { } x && double.IsFinite(x) ? x : null;

    private static RaterDocument Rater(RaterStats s) => new(N(s.Mean), N(s.Std), N(s.Median), N(s.Min), N(s.Max));

    private static TestDocument Test(TestResult t) => new(N(t.Statistic), N(t.PValue), N(t.Df), t.Method, t.UndefinedReason);

    private static AgreementDocument Agree(AgreementResult a) => new(N(a.Value), a.Band, a.UndefinedReason);

    private static BootstrapDocument Boot(BootstrapResult b) => new(N(b.Observed), N(b.Interval?.Lower), N(b.Interval?.Upper), b.Resamples, b.Seed, b.Method.ToString(), b.UndefinedReason);
}
