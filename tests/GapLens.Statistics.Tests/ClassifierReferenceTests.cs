using System.Text.Json;
using GapLens.Testing;

namespace GapLens.Statistics.Tests;

/// <summary>Auroc, point-biserial r, risk-coverage and logistic regression against scikit-learn, scipy
/// and brute force (tests/TestData/stats/classifier_cases.json, made by make_classifier_reference.py).</summary>
public sealed class ClassifierReferenceTests
{
    private static readonly JsonElement Ref = JsonDocument.Parse(File.ReadAllBytes(TestData.PathOf("stats", "classifier_cases.json"))).RootElement;

    private static double[] Arr(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetDouble())];

    private static bool[] Bools(JsonElement e) => [.. e.EnumerateArray().Select(v => v.GetInt32() == 1)];

    private static void Close(double expected, double? actual, string what, double tol = 1e-9)
    {
        Assert.True(actual.HasValue, $"{what}: expected {expected:R}, got undefined");
        Assert.True(Math.Abs(expected - actual!.Value) <= tol * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual.Value:R}");
    }

    [Fact]
    public void AurocEqualsRocAucScoreAndDeLongIntervalEqualsThePairwiseComputation()
    {
        int n = 0;
        foreach (var c in Ref.GetProperty("auroc").EnumerateArray())
        {
            var r = Auroc.Compute(Arr(c.GetProperty("scores")), Bools(c.GetProperty("labels")));
            Close(c.GetProperty("auc").GetDouble(), r.Value, $"case {n} auc", 1e-12);
            if (c.GetProperty("ci").ValueKind == JsonValueKind.Null)
            {
                Assert.Null(r.Ci);
            }
            else
            {
                Close(c.GetProperty("ci")[0].GetDouble(), r.Ci!.Lower, $"case {n} ci lower");
                Close(c.GetProperty("ci")[1].GetDouble(), r.Ci.Upper, $"case {n} ci upper");
                Assert.Equal("delong", r.Ci.Method);
            }
            n++;
        }
        Assert.Equal(11, n);
    }

    [Fact]
    public void AurocIsUndefinedWithAReasonWhenOneClassIsMissing()
    {
        foreach (var c in Ref.GetProperty("auroc_undefined").EnumerateArray())
        {
            var r = Auroc.Compute(Arr(c.GetProperty("scores")), Bools(c.GetProperty("labels")));
            Assert.Null(r.Value);
            Assert.Contains("samples: the ROC curve is undefined", r.UndefinedReason, StringComparison.Ordinal);
        }
        var empty = Auroc.Compute([], []);
        Assert.Null(empty.Value);
        Assert.Equal(0, empty.Positives);
    }

    [Fact]
    public void AurocRanksInfinitiesAtTheEndsAndRejectsNaN()
    {
        var r = Auroc.Compute([double.NegativeInfinity, 0, double.PositiveInfinity, 1], [false, true, true, false]);
        Assert.Equal(0.75, r.Value);
        Assert.Throws<ArgumentException>(() => Auroc.Compute([double.NaN, 1], [true, false]));
    }

    [Fact]
    public void WeightedAurocEqualsRocAucScoreWithSampleWeight()
    {
        foreach (var c in Ref.GetProperty("auroc_weighted").EnumerateArray())
        {
            var r = Auroc.Weighted(Arr(c.GetProperty("scores")), Bools(c.GetProperty("labels")), Arr(c.GetProperty("weights")));
            Close(c.GetProperty("auc").GetDouble(), r.Value, "weighted auc", 1e-12);
        }
    }

    [Fact]
    public void WeightedAurocWithUnitWeightsEqualsTheUnweightedOne()
    {
        double[] s = [0.1, 0.4, 0.4, 0.35, 0.8, 0.1];
        bool[] y = [false, true, false, true, true, true];
        Assert.Equal(Auroc.Compute(s, y).Value!.Value, Auroc.Weighted(s, y, [1, 1, 1, 1, 1, 1]).Value!.Value, 12);
        Assert.Null(Auroc.Weighted(s, y, [0, 1, 0, 1, 1, 1]).Value); // the negatives weigh nothing
        Assert.Throws<ArgumentException>(() => Auroc.Weighted(s, y, [1, 1, -1, 1, 1, 1]));
    }

    [Fact]
    public void PointBiserialEqualsScipyWithTheFisherInterval()
    {
        foreach (var c in Ref.GetProperty("point_biserial").EnumerateArray())
        {
            var r = Correlation.PointBiserial(Arr(c.GetProperty("x")), Bools(c.GetProperty("y")));
            Close(c.GetProperty("r").GetDouble(), r.R, "r");
            Close(c.GetProperty("p").GetDouble(), r.PValue, "p", 1e-6);
            Close(c.GetProperty("ci")[0].GetDouble(), r.Ci!.Lower, "ci lower");
            Close(c.GetProperty("ci")[1].GetDouble(), r.Ci.Upper, "ci upper");
        }
    }

    [Fact]
    public void PointBiserialIsUndefinedForAConstantInputOrTooFewPairs()
    {
        Assert.Null(Correlation.PointBiserial([1, 2, 3, 4], [true, true, true, true]).R);
        Assert.Contains("constant", Correlation.PointBiserial([1, 1, 1, 1], [true, false, true, false]).UndefinedReason, StringComparison.Ordinal);
        Assert.Contains("fewer than 3", Correlation.PointBiserial([1, 2], [true, false]).UndefinedReason, StringComparison.Ordinal);
    }

    [Fact]
    public void RiskCoverageAreaEqualsTheBruteForceExpectationOverTieOrders()
    {
        foreach (var c in Ref.GetProperty("risk_coverage").EnumerateArray())
        {
            var r = RiskCoverage.Compute(Arr(c.GetProperty("confidence")), Bools(c.GetProperty("correct")));
            Close(c.GetProperty("aurc").GetDouble(), r.Aurc, "aurc", 1e-12);
            Close(c.GetProperty("optimal").GetDouble(), r.OptimalAurc, "optimal aurc", 1e-12);
            Close(c.GetProperty("aurc").GetDouble() - c.GetProperty("optimal").GetDouble(), r.ExcessAurc, "e-aurc", 1e-12);
            var curve = c.GetProperty("curve").EnumerateArray().ToList();
            Assert.Equal(curve.Count, r.Curve.Length);
            for (int i = 0; i < curve.Count; i++)
            {
                Assert.Equal(curve[i][0].GetDouble(), r.Curve[i].Threshold);
                Assert.Equal(curve[i][1].GetInt64(), r.Curve[i].Count);
                Close(curve[i][2].GetDouble(), r.Curve[i].Coverage, "coverage", 1e-15);
                Close(curve[i][3].GetDouble(), r.Curve[i].Risk, "risk", 1e-15);
            }
        }
    }

    [Fact]
    public void RiskCoverageOfNoSamplesIsUndefinedAndOfAPerfectRankingHasNoExcess()
    {
        var none = RiskCoverage.Compute([], []);
        Assert.Null(none.Aurc);
        Assert.Equal("no samples", none.UndefinedReason);
        var perfect = RiskCoverage.Compute([0.9, 0.8, 0.2, 0.1], [true, true, false, false]);
        Assert.Equal(0, perfect.ExcessAurc!.Value, 15);
        Assert.Equal((0 + 0 + 1.0 / 3 + 0.5) / 4, perfect.Aurc!.Value, 15);
    }

    [Fact]
    public void LogisticRegressionEqualsScikitLearnAtTheOptimum()
    {
        int n = 0;
        foreach (var c in Ref.GetProperty("logistic").EnumerateArray())
        {
            double[][] x = [.. c.GetProperty("x").EnumerateArray().Select(Arr)];
            var m = LogisticRegression.Fit(x, Bools(c.GetProperty("y")), Arr(c.GetProperty("w")), c.GetProperty("C").GetDouble());
            Assert.True(m.Converged, $"case {n} did not converge");
            var coef = Arr(c.GetProperty("coef"));
            for (int j = 0; j < coef.Length; j++) Close(coef[j], m.Coefficients[j], $"case {n} coef {j}", 1e-8);
            Close(c.GetProperty("intercept").GetDouble(), m.Intercept, $"case {n} intercept", 1e-8);
            var proba = Arr(c.GetProperty("proba"));
            for (int i = 0; i < proba.Length; i++) Close(proba[i], m.PredictProbability(x[i]), $"case {n} proba {i}", 1e-9);
            n++;
        }
        Assert.Equal(5, n);
    }

    [Fact]
    public void LogisticRegressionDuplicatedRowsEqualIntegerWeights()
    {
        double[][] x = [[0.0], [1.0], [2.0], [3.0]];
        var weighted = LogisticRegression.Fit(x, [false, true, false, true], [2, 1, 1, 3]);
        double[][] dup = [[0.0], [0.0], [1.0], [2.0], [3.0], [3.0], [3.0]];
        var repeated = LogisticRegression.Fit(dup, [false, false, true, false, true, true, true]);
        Assert.Equal(repeated.Coefficients[0], weighted.Coefficients[0], 10);
        Assert.Equal(repeated.Intercept, weighted.Intercept, 10);
    }

    [Fact]
    public void LogisticRegressionRejectsASingleClassAndDivergesWithoutPenaltyOnSeparableData()
    {
        double[][] x = [[0.0], [1.0], [2.0], [3.0]];
        Assert.Throws<ArgumentException>(() => LogisticRegression.Fit(x, [true, true, true, true]));
        var separable = LogisticRegression.Fit(x, [false, false, true, true], c: double.PositiveInfinity);
        Assert.True(separable.Coefficients[0] > 10, $"coefficient {separable.Coefficients[0]}");
        Assert.True(separable.PredictProbability([3.0]) > 1 - 1e-6);
        var ridge = LogisticRegression.Fit(x, [false, false, true, true]);
        Assert.True(ridge.Converged);
        Assert.Equal(0.5, ridge.PredictProbability([1.5]), 12); // symmetric data: the boundary sits at 1.5
    }
}
