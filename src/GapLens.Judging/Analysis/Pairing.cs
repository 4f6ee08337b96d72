using System.Collections.Immutable;
using GapLens.Judging.Folders;

namespace GapLens.Judging.Analysis;

/// <summary>
/// Judge and human scores paired by (experiment, model, task_type, task_id), with everything that did
/// not pair counted, never dropped silently: items only one side scored, skipped and failed items per
/// side, and unreadable files (with the reason).
/// </summary>
public sealed record Pairing(
    ImmutableArray<ScorePair> Pairs,
    int JudgeOnly,
    int HumanOnly,
    int JudgeSkipped,
    int JudgeFailed,
    int HumanSkipped,
    int HumanFailed,
    ImmutableArray<(string File, string Problem)> BadFiles)
{
    public static Pairing Of(IReadOnlyList<ScoreRecord> judge, IReadOnlyList<ScoreRecord> human, IEnumerable<(string, string)> bad)
    {
        ArgumentNullException.ThrowIfNull(judge);
        ArgumentNullException.ThrowIfNull(human);
        static (string, string, string, string) Key(ScoreRecord r) => (r.Experiment, r.Model, r.TaskType, r.TaskId);
        var j = judge.Where(r => r.Status == ScoreStatus.Completed).GroupBy(Key).ToDictionary(g => g.Key, g => g.Last());
        var h = human.Where(r => r.Status == ScoreStatus.Completed).GroupBy(Key).ToDictionary(g => g.Key, g => g.Last());
        var pairs = j.Keys.Where(h.ContainsKey).Order()
            .Select(k => new ScorePair(k.Item1, k.Item2, k.Item3, k.Item4, j[k].Score!.Value, h[k].Score!.Value));
        return new Pairing([.. pairs], j.Keys.Count(k => !h.ContainsKey(k)), h.Keys.Count(k => !j.ContainsKey(k)),
            judge.Count(r => r.Status == ScoreStatus.Skipped), judge.Count(r => r.Status == ScoreStatus.Failed),
            human.Count(r => r.Status == ScoreStatus.Skipped), human.Count(r => r.Status == ScoreStatus.Failed), [.. bad]);
    }
}
