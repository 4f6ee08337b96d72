using System.Text.Json;
using GapLens.Perception.Annotations;
using GapLens.Perception.Answers;
using GapLens.Perception.Confidence;
using GapLens.Perception.Scoring;
using GapLens.Statistics;

namespace GapLens.Perception.Tests;

/// <summary>Confidence analysis and the meta-model against scikit-learn and numpy
/// (make_confidence_fixtures.py).</summary>
public sealed class ConfidenceReferenceTests
{
    private static readonly Lazy<JsonElement> Expected = new(() => JsonDocument.Parse(File.ReadAllBytes(Fixture.PathOf("expected_confidence.json"))).RootElement);

    private static ConfidenceResult Small() =>
        ConfidenceAnalyzer.Analyze(Fixture.Annotations, McScorer.Score(Fixture.Annotations, AnswersReader.Read(Fixture.PathOf("answers_a.json"))),
            ConfidenceReader.Read(Fixture.PathOf("confidence.jsonl")), new ConfidenceOptions { Folds = 3, Seed = 0, C = 1.0 });

    private static ConfidenceResult Medium()
    {
        var ann = AnnotationReader.Read(Fixture.PathOf("conf", "annotations.json"));
        var scores = McScorer.Score(ann, AnswersReader.Read(Fixture.PathOf("conf", "answers.json")));
        return ConfidenceAnalyzer.Analyze(ann, scores, ConfidenceReader.Read(Fixture.PathOf("conf", "confidence.jsonl")), new ConfidenceOptions { Folds = 5, Seed = 7, C = 0.5 });
    }

    private static readonly Dictionary<string, ConfidenceSignal> Signals = new()
    {
        ["option_probability"] = ConfidenceSignal.OptionProbability,
        ["verbal"] = ConfidenceSignal.Verbal,
        ["sample_agreement"] = ConfidenceSignal.SampleAgreement,
    };

    private static void AssertCalibration(JsonElement e, CalibrationSummary c, string what)
    {
        Fixture.Close(e.GetProperty("ece").GetDouble(), c.Ece, what + " ece", 1e-12);
        Fixture.Close(e.GetProperty("mce").GetDouble(), c.Mce, what + " mce", 1e-12);
        Fixture.Close(e.GetProperty("brier").GetDouble(), c.Brier, what + " brier", 1e-12);
        var bins = e.GetProperty("bins").EnumerateArray().ToList();
        Assert.Equal(bins.Count, c.Diagram.Length);
        for (int i = 0; i < bins.Count; i++)
        {
            Assert.Equal(bins[i][0].GetInt32(), c.Diagram[i].Count);
            Fixture.Close(bins[i][1].GetDouble(), c.Diagram[i].MeanConfidence, what + " bin confidence", 1e-12);
            Fixture.Close(bins[i][2].GetDouble(), c.Diagram[i].Accuracy.Value, what + " bin accuracy", 1e-12);
            Assert.NotNull(c.Diagram[i].Accuracy.Ci95);
        }
    }

    private static void AssertSignals(JsonElement expected, ConfidenceResult r)
    {
        var signals = expected.GetProperty("signals");
        Assert.Equal(signals.EnumerateObject().Count(), r.Signals.Length);
        foreach (var p in signals.EnumerateObject())
        {
            var s = Assert.Single(r.Signals, x => x.Signal == Signals[p.Name]);
            var e = p.Value;
            Assert.Equal(e.GetProperty("n").GetInt32(), s.Questions);
            Assert.Equal(e.GetProperty("correct").GetInt32(), s.Correct);
            Fixture.Close(e.GetProperty("mean_conf").GetDouble(), s.MeanConfidence.Value, p.Name + " mean confidence");
            Fixture.Close(Fixture.Num(e.GetProperty("auc")), s.Auroc.Value, p.Name + " auc");
            if (e.GetProperty("auc_ci").ValueKind != JsonValueKind.Null)
            {
                Fixture.Close(e.GetProperty("auc_ci")[0].GetDouble(), s.Auroc.Ci!.Lower, p.Name + " auc lower", 1e-10);
                Fixture.Close(e.GetProperty("auc_ci")[1].GetDouble(), s.Auroc.Ci.Upper, p.Name + " auc upper", 1e-10);
            }
            AssertCalibration(e.GetProperty("width"), s.EqualWidth, p.Name + " width");
            AssertCalibration(e.GetProperty("mass"), s.EqualMass, p.Name + " mass");
            Assert.Equal(BinStrategy.EqualMass, s.EqualMass.Strategy);
            Fixture.Close(e.GetProperty("aurc").GetDouble(), s.RiskCoverage.Aurc, p.Name + " aurc");
            Fixture.Close(e.GetProperty("aurc_opt").GetDouble(), s.RiskCoverage.OptimalAurc, p.Name + " optimal aurc");
        }
    }

    private static void AssertMeta(JsonElement expected, AccuracyPrediction m)
    {
        var e = expected.GetProperty("meta");
        Assert.Equal(Signals[expected.GetProperty("meta_signal").GetString()!], m.Signal);
        Assert.Equal(e.GetProperty("k").GetInt32(), m.Folds);
        var tasks = e.GetProperty("tasks").EnumerateArray().Select(t => t.GetString()!).ToList();
        Assert.Equal(tasks, m.Tasks.Select(t => t.Question).ToList());
        for (int t = 0; t < tasks.Count; t++)
        {
            string at = m.Tasks[t].TaskId;
            Assert.Equal(e.GetProperty("fold")[t].GetInt32(), m.Tasks[t].Fold);
            Fixture.Close(e.GetProperty("truth")[t].GetDouble(), m.Tasks[t].TrueAccuracy, at + " truth");
            Fixture.Close(e.GetProperty("features")[t][0].GetDouble(), m.Tasks[t].NaiveEstimate, at + " naive");
            Fixture.Close(e.GetProperty("predicted")[t].GetDouble(), m.Tasks[t].Predicted, at + " predicted", 1e-8);
        }
        Fixture.Close(e.GetProperty("mae")[0].GetDouble(), m.MeanAbsoluteError.Value, "mae", 1e-8);
        Fixture.Close(e.GetProperty("mae")[1].GetDouble(), m.MeanAbsoluteError.Ci95!.Lower, "mae lower", 1e-8);
        Fixture.Close(e.GetProperty("naive_mae")[0].GetDouble(), m.NaiveMeanAbsoluteError.Value, "naive mae");
        Fixture.Close(e.GetProperty("weighted_mae").GetDouble(), m.WeightedMeanAbsoluteError, "weighted mae", 1e-8);
        Fixture.Close(e.GetProperty("naive_weighted_mae").GetDouble(), m.NaiveWeightedMeanAbsoluteError, "naive weighted mae");
        Fixture.Close(e.GetProperty("predicted_overall").GetDouble(), m.PredictedOverallAccuracy, "predicted overall", 1e-8);
        Fixture.Close(e.GetProperty("naive_overall").GetDouble(), m.NaiveOverallAccuracy, "naive overall");
        Fixture.Close(e.GetProperty("true_overall").GetDouble(), m.TrueOverallAccuracy, "true overall");
        var coef = e.GetProperty("coef").EnumerateArray().Select(x => x.GetDouble()).ToList();
        Assert.Equal(coef.Count, m.Coefficients.Length);
        Assert.Equal(coef.Count, m.Features.Length);
        for (int j = 0; j < coef.Count; j++) Fixture.Close(coef[j], m.Coefficients[j], $"coef {m.Features[j]}", 1e-7);
        Fixture.Close(e.GetProperty("intercept").GetDouble(), m.Intercept, "intercept", 1e-7);
        Assert.Null(m.UndefinedReason);
    }

    [Fact]
    public void EverySignalOfTheSmallSetEqualsScikitLearnAndNumpy() => AssertSignals(Expected.Value.GetProperty("small"), Small());

    [Fact]
    public void TheMetaModelOfTheSmallSetEqualsScikitLearn() => AssertMeta(Expected.Value.GetProperty("small"), Small().MetaModel!);

    [Fact]
    public void TheMetaModelOfTheMediumSetEqualsScikitLearnAndBeatsTheNaiveBaseline()
    {
        var r = Medium();
        AssertSignals(Expected.Value.GetProperty("medium"), r);
        AssertMeta(Expected.Value.GetProperty("medium"), r.MetaModel!);
        Assert.True(r.MetaModel!.MeanAbsoluteError.Value < r.MetaModel.NaiveMeanAbsoluteError.Value);
        Assert.Equal(["mean", "std", "q10", "q50", "q90", "mean_margin", "mean_entropy"], r.MetaModel.Features.ToArray());
    }

    [Fact]
    public void FoldsFollowTheFnvHashOfSeedAndText()
    {
        Assert.Equal(0xcbf29ce484222325UL, AccuracyPredictor.Fnv1a([], []));
        Assert.Equal(0xaf63dc4c8601ec8cUL, AccuracyPredictor.Fnv1a([], "a"u8)); // the FNV-1a 64 test vector
        var f = AccuracyPredictor.Folds(["x", "y", "z", "w", "v"], 2, 1);
        Assert.Equal(3, f.Count(x => x == 0));
        Assert.Equal(2, f.Count(x => x == 1));
    }
}
