using System.Collections.Immutable;
using GapLens.Core.Reports;
using GapLens.Perception.Confidence;
using GapLens.Perception.Scoring;
using static GapLens.Jobs.Perception.PerceptionReportParts;

namespace GapLens.Jobs.Perception;

/// <summary>
/// The report of <c>perception confidence</c>: per confidence signal, how well it ranks correct answers
/// (AUROC), how calibrated it is (ECE with equal-width and equal-mass bins, the reliability diagram),
/// selective prediction (risk-coverage, AURC), and accuracy without labels: the cross-validated
/// meta-model's error per task against the naive baseline (mean confidence). Numbers come from the analysis.
/// </summary>
internal static class PerceptionConfidenceReportBuilder
{
    public const string Kind = "perception.confidence";

    private static readonly string[] Colors = [Blue, Orange, Green];

    public static string Label(ConfidenceSignal s) => s switch
    {
        ConfidenceSignal.OptionProbability => "option probability",
        ConfidenceSignal.Verbal => "verbal confidence",
        _ => "sample agreement",
    };

    public static string Key(ConfidenceSignal s) => s switch
    {
        ConfidenceSignal.OptionProbability => "option_probability",
        ConfidenceSignal.Verbal => "verbal",
        _ => "sample_agreement",
    };

    public static Report Build(ConfidenceResult r, McScoreResult scores, string annotations, string answers, string confidence)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(scores);
        var sections = new List<ReportSection>
        {
            new("inputs", "Inputs",
            [
                new MetricsBlock(
                [
                    Rate("top1", "top-1 accuracy", scores.Top1, "of the answers file; Wilson 95%"),
                    Count("answered", "answered questions", r.Answered),
                    Count("with_confidence", "with a confidence line", r.WithConfidence),
                    Count("without_confidence", "without a confidence line", r.WithoutConfidence, "answered, but the confidence file has no line: left out"),
                    Count("lines_for_unanswered", "lines for unanswered questions", r.LinesForUnanswered, "nothing to be confident about: left out"),
                ]),
            ]),
            Signals(r),
            Reliability(r),
            RiskCoverage(r),
            Meta(r.MetaModel),
        };
        if (!r.Warnings.IsEmpty) sections.Add(new ReportSection("warnings", "Warnings", [.. r.Warnings.Select(w => (Block)new CalloutBlock(Tone.Warning, w))]));
        return new Report(Kind, "Perception Test: confidence and accuracy without labels",
            Inv($"{r.WithConfidence:#,0} answered questions with confidence; signals: {string.Join(", ", r.Signals.Select(s => Label(s.Signal)))}."),
            Verdict(r), [.. sections], Facts([("annotations", annotations), ("answers", answers), ("confidence", confidence)]));
    }

    /// <summary>The signal the headline speaks about: the meta-model's, else the first.</summary>
    private static SignalAnalysis? Primary(ConfidenceResult r) =>
        r.MetaModel is { } m ? r.Signals.FirstOrDefault(s => s.Signal == m.Signal) : r.Signals.FirstOrDefault();

    /// <summary>Mean confidence this far from accuracy is over- or underconfidence.</summary>
    private const double MeanGap = 0.05;

    /// <summary>An equal-width ECE above this is not "calibrated", whatever the averages say.</summary>
    private const double PoorEce = 0.1;

    private static Verdict Verdict(ConfidenceResult r)
    {
        var s = Primary(r);
        if (s is null) return new Verdict(Tone.Warning, "No confidence signal has answered questions.", []);
        var a = s.Auroc;
        double gap = (s.MeanConfidence.Value ?? 0) - (s.Accuracy.Value ?? 0);
        // Matching averages say nothing about the bins: confidence 1.0 on wrong answers and low on right
        // ones can average out exactly. "Calibrated" needs the ECE too.
        string calibration = gap > MeanGap ? "overconfident" : gap < -MeanGap ? "underconfident"
            : s.EqualWidth.Ece is > PoorEce ? "averages match, but not per confidence level" : "about calibrated";
        string headline = Inv($"{Label(s.Signal)}: AUROC {F3.Format(a.Value)} {F3.Format(a.Ci)} for correctness, ECE {F3.Format(s.EqualWidth.Ece)}; mean confidence {Pct.Format(s.MeanConfidence.Value)} vs accuracy {Pct.Format(s.Accuracy.Value)} ({calibration}).");
        var points = new List<string>();
        var tone = a.Ci is { } ci && ci.Lower > 0.5 ? Tone.Info : Tone.Warning;
        if (a.Ci is { } c && c.Lower <= 0.5) points.Add("The AUROC interval includes 0.5: this confidence does not reliably separate right from wrong answers.");
        if (r.MetaModel is { } m)
        {
            if (m.MeanAbsoluteError.Value is { } mae)
            {
                // The baseline inside the meta-model's interval is no evidence either way.
                double naive = m.NaiveMeanAbsoluteError.Value ?? double.MaxValue;
                string verdict = m.MeanAbsoluteError.Ci95 is { } band && naive >= band.Lower && naive <= band.Upper ? "no clear difference: the baseline lies inside the interval"
                    : mae < naive ? "better" : "not better";
                points.Add(Inv($"Accuracy without labels: the meta-model's per-task error is {F3.Format(mae)} {F3.Format(m.MeanAbsoluteError.Ci95)} against {F3.Format(m.NaiveMeanAbsoluteError.Value)} for the mean confidence ({verdict}); predicted overall accuracy {Pct.Format(m.PredictedOverallAccuracy)}, true {Pct.Format(m.TrueOverallAccuracy)}."));
            }
            else
            {
                points.Add($"Meta-model undefined: {m.UndefinedReason ?? m.MeanAbsoluteError.UndefinedReason}.");
            }
        }
        if (r.WithoutConfidence > 0) points.Add(Inv($"{r.WithoutConfidence:#,0} answered question(s) have no confidence line."));
        return new Verdict(tone, headline, [.. points]);
    }

    private static ReportSection Signals(ConfidenceResult r)
    {
        var ranking = new Table("signals", "Per signal: does confidence separate right from wrong answers?",
        [
            new TableColumn("signal", "signal"),
            new TableColumn("questions", "questions", Numeric: true),
            new TableColumn("accuracy", "accuracy [Wilson 95%]", Numeric: true),
            new TableColumn("mean_confidence", "mean confidence [t 95%]", Numeric: true),
            new TableColumn("auroc", "AUROC [DeLong 95%]", Direction.HigherIsBetter, Numeric: true),
        ],
        [.. r.Signals.Select(s => ImmutableArray.Create(Cell.Of(Label(s.Signal)), Cell.Count(s.Questions), ValueCell(s.Accuracy, Pct), ValueCell(s.MeanConfidence, Pct), Auroc(s.Auroc)))],
            "AUROC: does higher confidence go with right answers (0.5 = no). Mean confidence above accuracy: overconfident.");
        var table = new Table("calibration", "Per signal: calibration and selective prediction",
        [
            new TableColumn("signal", "signal"),
            new TableColumn("ece_width", "ECE equal-width", Direction.LowerIsBetter, Numeric: true),
            new TableColumn("ece_mass", "ECE equal-mass", Direction.LowerIsBetter, Numeric: true),
            new TableColumn("mce", "MCE", Direction.LowerIsBetter, Numeric: true),
            new TableColumn("brier", "Brier", Direction.LowerIsBetter, Numeric: true),
            new TableColumn("aurc", "AURC", Direction.LowerIsBetter, Numeric: true),
            new TableColumn("e_aurc", "E-AURC", Direction.LowerIsBetter, Numeric: true),
        ],
        [.. r.Signals.Select(s => ImmutableArray.Create(Cell.Of(Label(s.Signal)),
            Cell.Number(s.EqualWidth.Ece, F3), Cell.Number(s.EqualMass.Ece, F3), Cell.Number(s.EqualWidth.Mce, F3), Cell.Number(s.EqualWidth.Brier, F3),
            Cell.Number(s.RiskCoverage.Aurc, F3), Cell.Number(s.RiskCoverage.ExcessAurc, F3)))],
            "ECE: the gap between confidence and accuracy, weighted over bins (MCE: the largest; Brier: mean squared error of confidence). AURC: the mean error rate when answering the most confident questions first; E-AURC is the excess over a perfect ranking.");
        return new ReportSection("signals", "Confidence signals", [new TableBlock(ranking), new TableBlock(table)]);
    }

    private static ReportSection Reliability(ConfidenceResult r)
    {
        var series = new List<LineSeries> { new("calibrated (y = x)", [0, 1], [0, 1], Grey, 1, Dashed: true) };
        series.AddRange(r.Signals.Select((s, i) => new LineSeries(Label(s.Signal), [.. s.EqualWidth.Diagram.Select(b => b.MeanConfidence)],
            [.. s.EqualWidth.Diagram.Select(b => b.Accuracy.Value ?? 0)], Colors[i % Colors.Length], 2, PointWeights: [.. s.EqualWidth.Diagram.Select(b => (double)b.Count)])));
        var figure = new LineChart("reliability", "Reliability diagram (equal-width bins)",
            "Per non-empty bin: mean confidence (x) against accuracy (y); a dot's area grows with the bin's questions (a bin of a few questions can sit far from the diagonal by chance). Below the diagonal: overconfident; above: underconfident.",
            new Axis("mean confidence in the bin", 0, 1), new Axis("accuracy in the bin", 0, 1), [.. series], [], [], []);
        var blocks = new List<Block> { new FigureBlock(figure) };
        if (Primary(r) is { } p)
        {
            blocks.Add(new TableBlock(new Table("reliability_bins", Inv($"Bins of {Label(p.Signal)} (equal-width)"),
            [
                new TableColumn("bin", "bin", Numeric: true), new TableColumn("count", "questions", Numeric: true),
                new TableColumn("confidence", "mean confidence", Numeric: true), new TableColumn("accuracy", "accuracy [Wilson 95%]", Numeric: true),
            ],
            [.. p.EqualWidth.Diagram.Select((b, i) => ImmutableArray.Create(Cell.Count(i + 1), Cell.Count(b.Count), Cell.Number(b.MeanConfidence, F3), ValueCell(b.Accuracy, Pct)))])));
        }
        return new ReportSection("calibration", "Calibration", [.. blocks]);
    }

    private static ReportSection RiskCoverage(ConfidenceResult r)
    {
        var series = r.Signals.Select((s, i) => new LineSeries(Label(s.Signal), [0, .. s.RiskCoverage.Curve.Select(p => p.Coverage)],
            [s.RiskCoverage.Curve.FirstOrDefault()?.Risk ?? 0, .. s.RiskCoverage.Curve.Select(p => p.Risk)], Colors[i % Colors.Length], 2)).ToList();
        var figure = new LineChart("risk_coverage", "Risk-coverage",
            "Answer only the questions at least as confident as a threshold: the share answered (coverage) against the error rate among them (risk). Lower is better; a flat curve means confidence does not help.",
            new Axis("coverage (share of questions answered)", 0, 1), new Axis("risk (error rate, lower is better)", 0, 1), [.. series], [], [], []);
        return new ReportSection("risk_coverage", "Selective prediction", [new FigureBlock(figure)]);
    }

    private static ReportSection Meta(AccuracyPrediction? m)
    {
        if (m is null) return new ReportSection("meta_model", "Accuracy without labels", [new ParagraphBlock("No signal has questions: no meta-model.")]);
        var metrics = new MetricsBlock(
        [
            Value("mae", "meta-model: mean absolute error per task", m.MeanAbsoluteError, F3, Direction.LowerIsBetter,
                Inv($"|predicted - true accuracy|, out-of-fold ({m.Folds} folds across tasks), Student-t 95%")),
            Value("naive_mae", "baseline (mean confidence): mean absolute error", m.NaiveMeanAbsoluteError, F3, Direction.LowerIsBetter, "the task's mean confidence taken as its accuracy"),
            new Metric("weighted_mae", "meta-model error weighted by questions", m.WeightedMeanAbsoluteError, F3, Direction.LowerIsBetter, null, UndefinedReason: m.WeightedMeanAbsoluteError is null ? m.UndefinedReason ?? "undefined" : null),
            new Metric("naive_weighted_mae", "baseline error weighted by questions", m.NaiveWeightedMeanAbsoluteError, F3, Direction.LowerIsBetter),
            new Metric("predicted_accuracy", "overall accuracy, predicted", m.PredictedOverallAccuracy, Pct, Direction.Neutral, "without labels", UndefinedReason: m.PredictedOverallAccuracy is null ? m.UndefinedReason ?? "undefined" : null),
            new Metric("naive_accuracy", "overall accuracy, mean confidence", m.NaiveOverallAccuracy, Pct, Direction.Neutral),
            new Metric("true_accuracy", "overall accuracy, true", m.TrueOverallAccuracy, Pct, Direction.Neutral),
        ]);
        var scored = m.Tasks.Where(t => t.Predicted is not null).ToList();
        var scatter = new ScatterChart("meta_model", "Predicted vs true accuracy per task",
            "Each point is a task: the meta-model's out-of-fold prediction (x) against its true accuracy (y). On the diagonal is exact.",
            new Axis("predicted accuracy (without labels)", 0, 1), new Axis("true accuracy", 0, 1),
            [.. scored.Select(t => t.Predicted!.Value)], [.. scored.Select(t => t.TrueAccuracy)], Inv($"tasks (n = {scored.Count})"),
            [new ReferenceLine(1, 0, "y = x (exact)", Grey, Dashed: true)]);
        var table = new Table("meta_tasks", "Per task (sorted by the meta-model's error, largest first)",
        [
            new TableColumn("task", "task"), new TableColumn("question", "question"), new TableColumn("questions", "questions", Numeric: true),
            new TableColumn("true", "true accuracy", Numeric: true), new TableColumn("predicted", "predicted", Numeric: true),
            new TableColumn("error", "|error|", Direction.LowerIsBetter, Numeric: true), new TableColumn("naive", "mean confidence", Numeric: true),
            new TableColumn("naive_error", "|baseline error|", Direction.LowerIsBetter, Numeric: true), new TableColumn("fold", "fold", Numeric: true),
        ],
        [.. m.Tasks.OrderByDescending(t => t.AbsoluteError ?? double.MaxValue).Select(t => ImmutableArray.Create(Cell.Mono(t.TaskId), Cell.Of(t.Question), Cell.Count(t.Questions),
            Cell.Number(t.TrueAccuracy, Pct), Cell.Number(t.Predicted, Pct),
            Cell.Number(t.AbsoluteError, F3), Cell.Number(t.NaiveEstimate, Pct), Cell.Number(t.NaiveAbsoluteError, F3), Cell.Count(t.Fold)))],
            "n/a: the task's fold could not be fitted (its training tasks were all right or all wrong).");
        var coefficients = new Table("coefficients", "Meta-model coefficients (fitted on all tasks, standardised features)",
            [new TableColumn("feature", "feature"), new TableColumn("coefficient", "coefficient", Numeric: true)],
            [.. m.Features.Select((f, i) => ImmutableArray.Create(Cell.Of(f), Cell.Number(i < m.Coefficients.Length ? m.Coefficients[i] : null, F3))),
             ImmutableArray.Create(Cell.Of("intercept"), Cell.Number(m.Intercept, F3))]);
        var blocks = new List<Block>
        {
            new ParagraphBlock(Inv($"Signal: {Label(m.Signal)}. A logistic regression over each task's confidence profile (features: {string.Join(", ", m.Features)}; C = {m.C:0.###}), cross-validated across tasks, predicts each task's accuracy without its labels; it is worth using where its error is below the baseline's.")),
            metrics,
        };
        if (m.UndefinedReason is { } why) blocks.Add(new CalloutBlock(Tone.Warning, why));
        if (scored.Count > 0) blocks.Add(new FigureBlock(scatter));
        blocks.Add(new TableBlock(table));
        blocks.Add(new TableBlock(coefficients));
        return new ReportSection("meta_model", "Accuracy without labels", [.. blocks]);
    }
}
