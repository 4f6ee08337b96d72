using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Json;
using GapLens.Core.Metrics;
using GapLens.Core.Mining.Bcq;
using GapLens.Core.Reports;
using GapLens.Core.Statistics;
using GapLens.Statistics;

namespace GapLens.Jobs.VlmBcq;

/// <summary>
/// The vlm_bcq report (report.html / report.md / report.json beside TAO's files): overall precision,
/// recall and F1 with intervals, the same per distinct question (most errors first), why samples were
/// skipped, and galleries of false positives and false negatives (question, answer, ground truth, a
/// video thumbnail). Every number is computed here; renderers only lay it out.
/// </summary>
public static class BcqReportBuilder
{
    public const string Kind = "tao.vlm_bcq";

    /// <summary>Rows of the per-question table on the pages (the CSV has them all).</summary>
    public const int QuestionRowsShown = 50;

    private static readonly ImmutableSortedDictionary<BcqSkipReason, string> SkipMeaning = new Dictionary<BcqSkipReason, string>
    {
        [BcqSkipReason.ResponseNoAnswer] = "the model's answer has neither \"yes\" nor \"no\" as a whole word",
        [BcqSkipReason.ResponseAmbiguous] = "the model's answer has both \"yes\" and \"no\"",
        [BcqSkipReason.ResponseNotString] = "the model's answer is not a string (TAO's tool crashes here)",
        [BcqSkipReason.GroundTruthNoAnswer] = "the ground truth has neither \"yes\" nor \"no\"",
        [BcqSkipReason.GroundTruthAmbiguous] = "the ground truth has both \"yes\" and \"no\"",
        [BcqSkipReason.GroundTruthNotString] = "the ground truth is not a string",
    }.ToImmutableSortedDictionary();

    /// <summary>Questions (most errors first) whose F1 gets a bootstrap interval: each costs a bootstrap,
    /// and a file can hold a million distinct questions.</summary>
    public const int F1IntervalRows = 1000;

    /// <summary>The per-question table in full (written as per_question.csv; the report shows its first
    /// rows), most errors first. Built once per run: each row's F1 interval costs a bootstrap.</summary>
    public static Table PerQuestion(BcqSummary summary, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var shown = summary.PerQuestion.OrderByDescending(q => q.Stats.Errors).ThenBy(q => q.FirstIndex).ToList();
        var p = NumberFormat.Fixed(3);
        return new Table("per_question", "Per question (most errors first)",
            [
                new TableColumn("question", "question"), new TableColumn("samples", "samples", Numeric: true),
                new TableColumn("errors", "errors (FP + FN)", Direction.LowerIsBetter, Numeric: true),
                new TableColumn("fp", "FP", Direction.LowerIsBetter, "model said yes, ground truth no", Numeric: true),
                new TableColumn("fn", "FN", Direction.LowerIsBetter, "model said no, ground truth yes", Numeric: true),
                new TableColumn("precision", "precision (95% CI)", Direction.HigherIsBetter, "TP / (TP + FP); Wilson 95% interval", Numeric: true),
                new TableColumn("recall", "recall (95% CI)", Direction.HigherIsBetter, "TP / (TP + FN); Wilson 95% interval", Numeric: true),
                new TableColumn("f1", "F1 (95% CI)", Direction.HigherIsBetter, "2TP / (2TP + FP + FN); seeded bootstrap percentile 95% interval", Numeric: true),
                new TableColumn("skipped", "skipped", Numeric: true),
            ],
            [.. shown.Select((q, i) =>
            {
                var c = q.Stats.Confusion;
                return ImmutableArray.Create<Cell>(QuestionText(q.Question), Cell.Count(q.Stats.Samples), Cell.Count(q.Stats.Errors), Cell.Count(c.Fp), Cell.Count(c.Fn),
                    Number(c.Precision(), p), Number(c.Recall(), p), Cell.Number(c.F1().Value, p, i < F1IntervalRows ? F1Interval(c, seed) : null), Cell.Count(q.Stats.SkippedTotal));
            })],
            string.Create(CultureInfo.InvariantCulture, $"Precision, recall and F1 treat \"yes\" as the positive class. Skipped samples (no single clear yes/no) are left out of every rate. F1 intervals for the first {F1IntervalRows:#,0} questions."));
    }

    /// <param name="summary">The counts.</param>
    /// <param name="perQuestion">The full <see cref="PerQuestion"/> table; the report shows its first rows.</param>
    /// <param name="examples">FP and FN cases for the galleries.</param>
    /// <param name="predictionsName">The predictions file as the user named it.</param>
    /// <param name="seed">The bootstrap seed.</param>
    public static Report Build(BcqSummary summary, Table perQuestion, IReadOnlyList<BcqExample> examples, string predictionsName, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(perQuestion);
        ArgumentNullException.ThrowIfNull(examples);
        var o = summary.Overall;
        var c = o.Confusion;
        var ic = CultureInfo.InvariantCulture;
        var p3 = NumberFormat.Fixed(3);
        var f1 = c.F1();
        var f1Ci = F1Interval(c, seed);
        var metrics = new MetricsBlock(
        [
            Metric("precision", "precision", c.Precision(), "of the answers \"yes\", the share that are right: TP / (TP + FP)"),
            Metric("recall", "recall", c.Recall(), "of the events that happen, the share the model says \"yes\" to: TP / (TP + FN)"),
            new Metric("f1", "F1", f1.Value, p3, Direction.HigherIsBetter, "2TP / (2TP + FP + FN); bootstrap percentile 95% interval", f1Ci, UndefinedReason: f1.UndefinedReason),
            Metric("specificity", "specificity", c.Specificity(), "of the events that do not happen, the share the model says \"no\" to: TN / (TN + FP)"),
            Metric("accuracy", "accuracy", c.Accuracy(), "share of classified answers that are right"),
        ]);
        var confusion = new Table("confusion", "Confusion matrix (classified samples)",
            [new TableColumn("model", ""), new TableColumn("truth_yes", "ground truth: yes", Numeric: true), new TableColumn("truth_no", "ground truth: no", Numeric: true)],
            [[Cell.Of("model: yes"), Cell.Count(c.Tp), Cell.Count(c.Fp)], [Cell.Of("model: no"), Cell.Count(c.Fn), Cell.Count(c.Tn)]],
            string.Create(ic, $"{c.Total:#,0} classified of {o.Samples:#,0} samples; FP = model yes, truth no ({c.Fp:#,0}); FN = model no, truth yes ({c.Fn:#,0})."));
        var skips = new Table("skipped", "Why samples were skipped",
            [new TableColumn("reason", "reason"), new TableColumn("count", "samples", Numeric: true), new TableColumn("share", "share of all samples", Numeric: true), new TableColumn("meaning", "what it means")],
            [.. o.Skipped.Where(kv => kv.Value > 0).OrderByDescending(kv => kv.Value).Select(kv => ImmutableArray.Create<Cell>(
                Cell.Mono(BcqArtifacts.SnakeCase(kv.Key.ToString())), Cell.Count(kv.Value), Cell.Number(o.Samples == 0 ? null : kv.Value / (double)o.Samples, NumberFormat.Percent(1)),
                SkipMeaning[kv.Key]))],
            "The response is checked first: a sample whose answer and ground truth are both unclear is counted once, under the answer.");

        var worst = summary.PerQuestion.OrderByDescending(q => q.Stats.Errors).ThenBy(q => q.FirstIndex).FirstOrDefault();
        var points = new List<string>();
        if (worst is not null && worst.Stats.Errors > 0)
        {
            points.Add(string.Create(ic, $"Most errors: \"{Short(QuestionText(worst.Question), 90)}\" ({worst.Stats.Errors:#,0} of {worst.Stats.Confusion.Total:#,0} classified answers wrong)."));
        }
        if (c.Fp > 2 * c.Fn) points.Add("False positives dominate: the model says \"yes\" too readily.");
        else if (c.Fn > 2 * c.Fp) points.Add("False negatives dominate: the model misses events that happen.");
        double skipShare = o.Samples == 0 ? 0 : o.SkippedTotal / (double)o.Samples;
        if (skipShare >= 0.05)
        {
            points.Add(string.Create(ic, $"{NumberFormat.Percent(1).Format(skipShare)} of the answers have no single clear yes/no and are left out of every metric: fix the prompt or the output format before trusting the rates."));
        }
        var verdict = new Verdict(c.Fp + c.Fn == 0 ? Tone.Good : Tone.Warning, string.Create(ic,
            $"{c.Fp + c.Fn:#,0} wrong yes/no answers ({c.Fp:#,0} FP, {c.Fn:#,0} FN) among {c.Total:#,0} classified; precision {p3.Format(c.Precision().Value)} {p3.Format(c.Precision().Ci95)}, recall {p3.Format(c.Recall().Value)} {p3.Format(c.Recall().Ci95)}; {o.SkippedTotal:#,0} skipped."),
            [.. points]);

        var sections = new List<ReportSection>
        {
            new("overall", "Overall", [metrics, new TableBlock(confusion)]),
            new("per_question", "Per question", [new TableBlock(perQuestion.Rows.Length <= QuestionRowsShown ? perQuestion
                : perQuestion with { Rows = [.. perQuestion.Rows.Take(QuestionRowsShown)], TotalRows = perQuestion.Rows.Length })]),
        };
        foreach (var (type, title, what) in new[] { ("FP", "False positives", "the model said yes, the ground truth says no"), ("FN", "False negatives", "the model said no, the ground truth says yes") })
        {
            var items = examples.Where(e => e.ErrorType == type).ToList();
            long total = type == "FP" ? c.Fp : c.Fn;
            if (total == 0) continue;
            sections.Add(new ReportSection(type.ToLowerInvariant() + "_examples", $"{title}: examples",
            [
                new GalleryBlock(type.ToLowerInvariant(), $"{title}: {what}. In file order; every case is in kpi_gaps.jsonl.",
                    [.. items.Select(e => new GalleryItem(Path.GetFileName(e.Video),
                        [new GalleryImage("last frame", e.Thumbnail, e.ThumbnailProblem)],
                        [new("question", e.Question), new("model answered", e.Response), new("ground truth", e.GroundTruth), new("video", e.Video)],
                        type, Tone.Bad) { Filters = [new("question", Short(e.Question, 60))] })],
                    (int)Math.Min(int.MaxValue, total)),
            ]));
        }
        sections.Add(new ReportSection("skipped", "Skipped samples", o.SkippedTotal == 0
            ? [new ParagraphBlock("No sample was skipped: every answer and ground truth had a single clear yes or no.")]
            : [new TableBlock(skips)]));
        return new Report(Kind, "VLM yes/no questions: where the answers go wrong", $"Predictions: {predictionsName}. Positive class: \"yes\". Intervals: Wilson 95% (F1: seeded bootstrap).",
            verdict, [.. sections], []);
    }

    /// <summary>The question as a person reads it: the string itself, or its JSON when it is not a string.</summary>
    public static string QuestionText(PyJsonValue question) => question is PyJsonString s ? s.Value : PyJsonFormatter.Format(question, strictJson: true);

    private static Interval? F1Interval(BinaryConfusion c, ulong seed) => c.Total == 0 ? null : ConfusionBootstrap.Run(c, seed: seed).F1;

    private static Cell Number(MetricValue m, NumberFormat f) => Cell.Number(m.Value, f, m.Ci95);

    private static Metric Metric(string id, string label, MetricValue m, string legend) =>
        new(id, label, m.Value, NumberFormat.Fixed(3), Direction.HigherIsBetter, legend + "; Wilson 95% interval", m.Ci95, UndefinedReason: m.UndefinedReason);

    private static string Short(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
