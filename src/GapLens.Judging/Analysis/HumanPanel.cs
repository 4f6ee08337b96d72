using System.Collections.Immutable;
using GapLens.Statistics;

namespace GapLens.Judging.Analysis;

/// <summary>
/// Several people scoring the same items (spec 02, multi-annotator form): agreement between the humans
/// (Krippendorff's alpha, ordinal and interval, over the items two or more annotators scored, with a
/// seeded bootstrap interval that resamples items), the judge against the humans' consensus (quadratic
/// kappa with a bootstrap interval) and against each annotator. Every number from GapLens.Statistics.
/// </summary>
public sealed record HumanPanel(
    int Items,
    int Annotators,
    int ItemsWithTwoOrMore,
    AgreementResult AlphaOrdinal,
    BootstrapResult AlphaOrdinalBootstrap,
    AgreementResult AlphaInterval,
    int JudgePairs,
    AgreementResult JudgeVsConsensus,
    BootstrapResult JudgeVsConsensusBootstrap,
    ImmutableArray<AnnotatorVsJudge> JudgeVsAnnotator)
{
    public static HumanPanel Compute(IReadOnlyList<PanelItem> items, int resamples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(items);
        var annotators = items.SelectMany(i => i.Scores.Select(s => s.Annotator)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var rater = annotators.Select((a, k) => (a, k)).ToDictionary(x => x.a, x => x.k, StringComparer.Ordinal);
        // Units: items with at least two scores (the others are not pairable and do not change alpha).
        var units = items.Where(i => i.Scores.Count >= 2).ToArray();
        double?[][] Matrix(IReadOnlyList<int> pick)
        {
            var m = new double?[annotators.Length][];
            for (int r = 0; r < m.Length; r++) m[r] = new double?[pick.Count];
            for (int u = 0; u < pick.Count; u++)
            {
                foreach (var (a, s) in units[pick[u]].Scores) m[rater[a]][u] = s;
            }
            return m;
        }
        var all = Enumerable.Range(0, units.Length).ToArray();
        var alphaOrdinal = units.Length == 0 ? AgreementResult.Undefined("no item was scored by two or more annotators") : Agreement.KrippendorffAlpha(Matrix(all), AlphaLevel.Ordinal);
        var alphaInterval = units.Length == 0 ? AgreementResult.Undefined("no item was scored by two or more annotators") : Agreement.KrippendorffAlpha(Matrix(all), AlphaLevel.Interval);
        double[] unitIndex = [.. all.Select(i => (double)i)];
        var alphaBoot = Bootstrap.Paired(unitIndex, unitIndex,
            (xs, _) => Agreement.KrippendorffAlpha(Matrix([.. xs.Select(x => (int)x)]), AlphaLevel.Ordinal).Value ?? double.NaN, resamples, seed);

        var paired = items.Where(i => i.Judge is not null && i.Consensus is not null).ToArray();
        double[] j = [.. paired.Select(i => (double)i.Judge!.Value)];
        double[] h = [.. paired.Select(i => (double)i.Consensus!.Value)];
        var kappa = Agreement.CohenKappa(j, h, KappaWeights.Quadratic);
        var kappaBoot = Bootstrap.Paired(j, h, (a, b) => Agreement.CohenKappa(a, b, KappaWeights.Quadratic).Value ?? double.NaN, resamples, seed);

        var perAnnotator = annotators.Select(a =>
        {
            var both = items.Where(i => i.Judge is not null).SelectMany(i => i.Scores.Where(s => s.Annotator == a).Select(s => (J: (double)i.Judge!.Value, H: (double)s.Score))).ToArray();
            double[] ja = [.. both.Select(p => p.J)];
            double[] ha = [.. both.Select(p => p.H)];
            return new AnnotatorVsJudge(a, both.Length, Agreement.CohenKappa(ja, ha, KappaWeights.Quadratic),
                both.Length == 0 ? null : both.Count(p => p.J == p.H) / (double)both.Length,
                both.Length == 0 ? null : both.Average(p => p.J - p.H));
        });
        return new HumanPanel(items.Count, annotators.Length, units.Length, alphaOrdinal, alphaBoot, alphaInterval,
            paired.Length, kappa, kappaBoot, [.. perAnnotator]);
    }
}
