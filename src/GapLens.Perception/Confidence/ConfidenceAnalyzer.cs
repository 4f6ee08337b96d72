using System.Collections.Immutable;
using GapLens.Core;
using GapLens.Perception.Annotations;
using GapLens.Perception.Scoring;
using GapLens.Statistics;

namespace GapLens.Perception.Confidence;

/// <summary>
/// Confidence against correctness (spec 04, "Predicting accuracy without labels"): for every signal
/// in the confidence file, AUROC, calibration (equal-width and equal-mass bins, reliability diagram),
/// risk-coverage and AURC; then the meta-model that predicts each task's accuracy from its confidence
/// profile, cross-validated across tasks, against the mean-confidence baseline.
/// </summary>
public static class ConfidenceAnalyzer
{
    /// <param name="annotations">The annotations the answers were scored against.</param>
    /// <param name="scores">The scoring of the answers (which option was chosen, whether it was right).</param>
    /// <param name="confidence">The confidence lines.</param>
    /// <param name="options">Settings (null: the defaults).</param>
    public static ConfidenceResult Analyze(PerceptionAnnotations annotations, McScoreResult scores, ConfidenceSet confidence, ConfidenceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(confidence);
        options ??= new ConfidenceOptions();
        if (options.Bins < 1) throw new UserInputException($"calibration needs at least 1 bin, got {options.Bins}.");
        if (options.Folds < 2) throw new UserInputException($"cross-validation needs at least 2 folds, got {options.Folds}.");
        if (!(options.C > 0)) throw new UserInputException($"the regularisation C must be > 0, got {options.C}.");
        var table = new QuestionTable(annotations);
        if (scores.Outcomes.Length != table.Count) throw new ArgumentException("the scores must come from these annotations", nameof(scores));
        var byQuestion = new ConfidenceRecord?[table.Count];
        foreach (var r in confidence.Records)
        {
            int flat = table.Find(r.VideoId, r.QuestionId);
            if (flat < 0)
            {
                throw new UserInputException($"confidence file {confidence.Path} line {r.Line}: video {r.VideoId} question {r.QuestionId} is not a question of the annotations {annotations.Path}.");
            }
            if (byQuestion[flat] is { } earlier)
            {
                throw new UserInputException($"confidence file {confidence.Path} line {r.Line}: video {r.VideoId} question {r.QuestionId} already has a line ({earlier.Line}); give one line per question.");
            }
            byQuestion[flat] = r;
        }
        var signals = new Dictionary<ConfidenceSignal, List<QuestionConfidence>>();
        int answered = 0, withConfidence = 0, forUnanswered = 0;
        for (int i = 0; i < table.Count; i++)
        {
            var o = scores.Outcomes[i];
            var r = byQuestion[i];
            if (!o.Answered)
            {
                if (r is not null) forUnanswered++;
                continue;
            }
            answered++;
            if (r is null) continue;
            withConfidence++;
            int chosen = o.Chosen!.Value, task = table.TaskOf[i];
            if (r.OptionProbabilities is { } p)
            {
                var sorted = p.OrderDescending().ToArray();
                double entropy = -p.Where(x => x > 0).Sum(x => x * Math.Log(x)) / Math.Log(3);
                Add(signals, ConfidenceSignal.OptionProbability, new QuestionConfidence(task, p[chosen], o.Correct, sorted[0] - sorted[1], entropy));
            }
            if (r.Verbal is { } v) Add(signals, ConfidenceSignal.Verbal, new QuestionConfidence(task, v, o.Correct, null, null));
            if (r.Samples is { } s) Add(signals, ConfidenceSignal.SampleAgreement, new QuestionConfidence(task, (double)s.Count(a => a == chosen) / s.Length, o.Correct, null, null));
        }
        var warnings = new List<string>();
        if (answered > withConfidence) warnings.Add($"{answered - withConfidence} of {answered} answered questions have no confidence line; they are left out.");
        if (forUnanswered > 0) warnings.Add($"{forUnanswered} confidence lines belong to unanswered questions; they are left out.");
        var analyses = signals.OrderBy(kv => kv.Key).Select(kv => Signal(kv.Key, kv.Value, options.Bins)).ToImmutableArray();
        AccuracyPrediction? meta = null;
        var metaSignal = options.MetaSignal ?? (signals.Count == 0 ? null : signals.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key).First().Key);
        if (metaSignal is { } ms)
        {
            if (!signals.TryGetValue(ms, out var qs)) throw new UserInputException($"the meta-model signal {ms} is not in the confidence file {confidence.Path}.");
            meta = AccuracyPredictor.Predict(table, ms, qs, options);
        }
        return new ConfidenceResult(answered, withConfidence, answered - withConfidence, forUnanswered, analyses, meta, [.. warnings]);
    }

    private static void Add(Dictionary<ConfidenceSignal, List<QuestionConfidence>> signals, ConfidenceSignal s, QuestionConfidence q)
    {
        if (!signals.TryGetValue(s, out var list)) signals[s] = list = [];
        list.Add(q);
    }

    private static SignalAnalysis Signal(ConfidenceSignal signal, List<QuestionConfidence> qs, int bins)
    {
        double[] conf = [.. qs.Select(q => q.Confidence)];
        bool[] ok = [.. qs.Select(q => q.Correct)];
        int correct = ok.Count(b => b);
        return new SignalAnalysis(signal, qs.Count, correct, Rates.Wilson(correct, qs.Count), Summaries.Mean(conf, "no questions"),
            Auroc.Compute(conf, ok), Calibrate(conf, ok, bins, BinStrategy.EqualWidth), Calibrate(conf, ok, bins, BinStrategy.EqualMass),
            RiskCoverage.Compute(conf, ok));
    }

    private static CalibrationSummary Calibrate(double[] conf, bool[] ok, int bins, BinStrategy strategy)
    {
        var c = Calibration.Evaluate(conf, ok, bins, strategy);
        return new CalibrationSummary(strategy, bins, c.Ece, c.Mce, c.Brier,
            [.. c.Bins.Select(b => new ReliabilityBin(b.Count, b.Confidence, Rates.Wilson((long)Math.Round(b.Accuracy * b.Count), b.Count)))]);
    }
}
