using System.Collections.Immutable;
using GapLens.Core;
using GapLens.Core.Statistics;
using GapLens.Judging.Folders;

namespace GapLens.Judging.Analysis;

/// <summary>
/// VMEvalKit's analysis/plot.py tables for any number of models and domains (nothing hard-coded),
/// from one evaluator's score files: the ranking with Wilson 95% intervals, domain difficulty, the
/// model x domain success matrix and the score distribution per model.
/// </summary>
public sealed record ScoreSummary(
    string Evaluator,
    double PassAtOrAbove,
    ImmutableArray<ModelRanking> Ranking,
    ImmutableArray<DomainDifficulty> Domains,
    ImmutableArray<ModelDomainCell> Cells,
    ImmutableDictionary<string, ImmutableArray<int>> Distribution)
{
    public static ScoreSummary Of(string evaluator, IReadOnlyList<ScoreRecord> records, double passAtOrAbove = AnalysisDefaults.PassAtOrAbove)
    {
        ArgumentNullException.ThrowIfNull(records);
        static string Domain(string taskType) => taskType.EndsWith("_task", StringComparison.Ordinal) ? taskType[..^5] : taskType;
        var models = records.Select(r => r.Model).Distinct().Order(StringComparer.Ordinal).ToList();
        var domains = records.Select(r => Domain(r.TaskType)).Distinct().Order(StringComparer.Ordinal).ToList();
        var scored = records.Where(r => r.Status == ScoreStatus.Completed).ToList();
        var ranking = models.Select(m =>
        {
            var s = scored.Where(r => r.Model == m).ToList();
            int ok = s.Count(r => r.Score >= passAtOrAbove);
            return new ModelRanking(m, s.Count,
                records.Count(r => r.Model == m && r.Status == ScoreStatus.Skipped), records.Count(r => r.Model == m && r.Status == ScoreStatus.Failed),
                ok, s.Count == 0 ? null : (double)ok / s.Count, ProportionIntervals.Wilson(ok, s.Count), s.Count == 0 ? null : s.Average(r => (double)r.Score!.Value));
        }).OrderByDescending(r => r.SuccessRate ?? -1).ThenByDescending(r => r.MeanScore ?? -1).ThenBy(r => r.Model, StringComparer.Ordinal).ToList();
        var cells = (from m in models
                     from d in domains
                     let s = scored.Where(r => r.Model == m && Domain(r.TaskType) == d).ToList()
                     let ok = s.Count(r => r.Score >= passAtOrAbove)
                     select new ModelDomainCell(m, d, s.Count, ok, s.Count == 0 ? null : (double)ok / s.Count)).ToList();
        var difficulty = domains.Select(d =>
        {
            var rates = cells.Where(c => c.Domain == d && c.SuccessRate is not null).Select(c => c.SuccessRate!.Value).ToList();
            return new DomainDifficulty(d, rates.Count, cells.Where(c => c.Domain == d).Sum(c => c.Scored), rates.Count == 0 ? null : rates.Average());
        }).OrderBy(d => d.MacroSuccessRate ?? 2).ThenBy(d => d.Domain, StringComparer.Ordinal).ToList();
        var dist = models.ToImmutableDictionary(m => m, m => Enumerable.Range(1, 5).Select(v => scored.Count(r => r.Model == m && r.Score == v)).ToImmutableArray());
        return new ScoreSummary(evaluator, passAtOrAbove, [.. ranking], [.. difficulty], [.. cells], dist);
    }
}
