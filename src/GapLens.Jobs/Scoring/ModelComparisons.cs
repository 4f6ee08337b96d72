using GapLens.Judging.Analysis;
using GapLens.Statistics;

namespace GapLens.Jobs.Scoring;

/// <summary>
/// Every pair of models compared on their shared tasks (same experiment, task type and task id), once
/// with the human scores and once with the judge's: does the judge reach the same conclusions about
/// which model is better as the humans do? Pure: the numbers come from GapLens.Statistics.
/// </summary>
public static class ModelComparisons
{
    public static IReadOnlyList<ModelComparison> Of(IReadOnlyList<ScorePair> pairs, double passAtOrAbove, int resamples, ulong seed, double alpha = GapLens.Core.AnalysisDefaults.Alpha)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var models = pairs.Select(p => p.Model).Distinct().Order(StringComparer.Ordinal).ToList();
        var byModel = pairs.GroupBy(p => p.Model).ToDictionary(g => g.Key, g => g.ToDictionary(p => (p.Experiment, p.TaskType, p.TaskId)));
        var result = new List<ModelComparison>();
        foreach (var (rater, score) in new (string, Func<ScorePair, int>)[] { ("human", p => p.Human), ("judge", p => p.Judge) })
        {
            var raw = new List<(string A, string B, int N, double? Pa, double? Pb, TestResult T, BootstrapResult Diff)>();
            for (int i = 0; i < models.Count; i++)
            {
                for (int j = i + 1; j < models.Count; j++)
                {
                    var a = byModel[models[i]];
                    var b = byModel[models[j]];
                    var shared = a.Keys.Where(b.ContainsKey).Order().ToList();
                    double[] x = [.. shared.Select(k => (double)score(a[k]))];
                    double[] y = [.. shared.Select(k => (double)score(b[k]))];
                    var table = new long[2, 2];
                    for (int t = 0; t < x.Length; t++) table[x[t] >= passAtOrAbove ? 0 : 1, y[t] >= passAtOrAbove ? 0 : 1]++;
                    var test = x.Length == 0 ? TestResult.Undefined("mcnemar", "no shared tasks") : Proportions.McNemar(table);
                    var diff = Bootstrap.MeanDifference(x, y, resamples, seed);
                    double? pa = x.Length == 0 ? null : (table[0, 0] + table[0, 1]) / (double)x.Length;
                    double? pb = x.Length == 0 ? null : (table[0, 0] + table[1, 0]) / (double)x.Length;
                    raw.Add((models[i], models[j], x.Length, pa, pb, test, diff));
                }
            }
            // Benjamini-Hochberg over the defined p-values of this rater's comparisons.
            var defined = raw.Select((r, k) => (r.T.PValue, k)).Where(t => t.PValue is { } p && double.IsFinite(p)).ToList();
            var (adjusted, reject) = Proportions.BenjaminiHochberg([.. defined.Select(t => t.PValue!.Value)], alpha);
            var adj = new double?[raw.Count];
            var rej = new bool?[raw.Count];
            for (int d = 0; d < defined.Count; d++)
            {
                adj[defined[d].k] = adjusted[d];
                rej[defined[d].k] = reject[d];
            }
            result.AddRange(raw.Select((r, k) => new ModelComparison(rater, r.A, r.B, r.N, r.Pa, r.Pb, r.T, adj[k], rej[k], r.Diff)));
        }
        return result;
    }
}
