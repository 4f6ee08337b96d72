using System.Collections.Immutable;
using GapLens.Core;
using GapLens.Core.Metrics;
using GapLens.Statistics;

namespace GapLens.Judging.Analysis;

/// <summary>
/// Judge vs human agreement on paired 1-5 scores (spec 02 "stats"): everything a statistician would
/// report, each number from GapLens.Statistics (checked against scipy / scikit-learn / statsmodels).
/// Differences are judge - human.
/// </summary>
public sealed record AgreementReport(
    Pairing Pairing,
    RaterStats Judge,
    RaterStats Human,
    TestResult PairedT,
    TestResult Wilcoxon,
    TestResult Pearson,
    TestResult Spearman,
    TestResult Kendall,
    AgreementResult Kappa,
    AgreementResult KappaLinear,
    AgreementResult KappaQuadratic,
    AgreementResult AlphaOrdinal,
    AgreementResult AlphaInterval,
    double PassAtOrAbove,
    BinaryConfusion PassConfusion,
    MetricValue PassAccuracy,
    MetricValue PassTpr,
    MetricValue PassTnr,
    AgreementResult PassKappa,
    BootstrapResult MeanDifferencePercentile,
    BootstrapResult MeanDifferenceBca,
    double EquivalenceMargin,
    TestResult Equivalence,
    ImmutableArray<(int N, double Value)> LearningCurve,
    ImmutableArray<TaskTypeAgreement> ByTaskType)
{
    public static AgreementReport Compute(Pairing pairing, double passAtOrAbove = AnalysisDefaults.PassAtOrAbove, double margin = AnalysisDefaults.EquivalenceMargin, int resamples = AnalysisDefaults.Resamples, ulong seed = AnalysisDefaults.Seed)
    {
        ArgumentNullException.ThrowIfNull(pairing);
        double[] j = [.. pairing.Pairs.Select(p => (double)p.Judge)];
        double[] h = [.. pairing.Pairs.Select(p => (double)p.Human)];
        static RaterStats Describe(double[] v) => new(Descriptive.Mean(v), Descriptive.Std(v, 1), Descriptive.Median(v), Descriptive.Min(v), Descriptive.Max(v));
        var pass = Agreement.BinaryRule(h, j, passAtOrAbove);
        double?[][] raters = [[.. j.Select(v => (double?)v)], [.. h.Select(v => (double?)v)]];
        var sizes = new[] { 10, 20, 50, 100, 200, 500, 1000, 2000, 5000 }.Where(n => n < j.Length).Append(j.Length).Distinct();
        var byType = pairing.Pairs.GroupBy(p => p.TaskType).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            double[] gj = [.. g.Select(p => (double)p.Judge)];
            double[] gh = [.. g.Select(p => (double)p.Human)];
            var gp = Agreement.BinaryRule(gh, gj, passAtOrAbove);
            return new TaskTypeAgreement(g.Key, gj.Length, gj.Length == 0 ? null : gj.Zip(gh, (a, b) => a - b).Average(),
                gj.Zip(gh).Count(t => t.First == t.Second) / (double)gj.Length, Agreement.CohenKappa(gj, gh, KappaWeights.Quadratic), gp.Accuracy.Value);
        });
        return new AgreementReport(pairing, Describe(j), Describe(h),
            TTests.Paired(j, h), Statistics.Wilcoxon.SignedRank(j, h), Correlation.Pearson(j, h), Correlation.Spearman(j, h), Correlation.Kendall(j, h),
            Agreement.CohenKappa(j, h), Agreement.CohenKappa(j, h, KappaWeights.Linear), Agreement.CohenKappa(j, h, KappaWeights.Quadratic),
            Agreement.KrippendorffAlpha(raters, AlphaLevel.Ordinal), Agreement.KrippendorffAlpha(raters, AlphaLevel.Interval),
            passAtOrAbove, pass.Counts, pass.Accuracy, pass.Tpr, pass.Tnr, pass.Kappa,
            Bootstrap.MeanDifference(j, h, resamples, seed), Bootstrap.MeanDifference(j, h, resamples, seed, method: BootstrapMethod.BCa),
            margin, TTests.EquivalencePaired(j, h, -margin, margin),
            Bootstrap.LearningCurve(j, h, (a, b) => Agreement.CohenKappa(a, b, KappaWeights.Quadratic).Value ?? double.NaN, sizes, seed),
            [.. byType]);
    }
}
