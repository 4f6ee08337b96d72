using GapLens.Judging.Folders;

namespace GapLens.Judging.Human;

/// <summary>
/// What an item's human score is, derived from the log: each annotator's latest submission counts
/// once; the item's score is the median of their latest scores (the lower one of the middle two on a
/// tie), "unsure" answers are recorded but are not scores. The human-eval.json record carries that
/// score plus every annotator's latest answer.
/// </summary>
public static class HumanConsensus
{
    public const string EvaluatorDir = "human-eval";

    /// <summary>Why an item whose every annotator said "unsure" has no score.</summary>
    public const string AllUnsure = "unsure: every annotator marked this item unsure";

    /// <summary>Each annotator's latest submission (by log order), sorted by annotator name.</summary>
    public static List<HumanSubmission> Latest(IEnumerable<HumanSubmission> itemLog)
    {
        ArgumentNullException.ThrowIfNull(itemLog);
        var latest = new Dictionary<string, HumanSubmission>(StringComparer.Ordinal);
        foreach (var s in itemLog)
        {
            if (!latest.TryGetValue(s.Annotator, out var had) || had.Id < s.Id) latest[s.Annotator] = s;
        }
        return [.. latest.Values.OrderBy(s => s.Annotator, StringComparer.Ordinal)];
    }

    /// <summary>The median of the scores, the lower middle one on an even count; null when there are none.</summary>
    public static int? LowerMedian(IEnumerable<int> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var sorted = scores.Order().ToArray();
        return sorted.Length == 0 ? null : sorted[(sorted.Length - 1) / 2];
    }

    /// <summary>The human-eval.json record of an item from its annotators' latest submissions (at least one).</summary>
    public static ScoreRecord Record(ItemKey item, IReadOnlyList<HumanSubmission> latest)
    {
        ArgumentNullException.ThrowIfNull(latest);
        if (latest.Count == 0) throw new ArgumentException("an item with no submission has no human-eval.json", nameof(latest));
        int? score = LowerMedian(latest.Where(s => s.Score is not null).Select(s => s.Score!.Value));
        string comments = latest.Count == 1
            ? latest[0].Comments
            : string.Join("; ", latest.Where(s => s.Comments.Length > 0).Select(s => $"{s.Annotator}: {s.Comments}"));
        var annotations = latest.Select(s => new HumanAnnotation(s.Annotator, s.Score, s.Comments, s.SubmittedUtc, HumanScoreStore.SourceName(s.Source))).ToList();
        return new ScoreRecord(EvaluatorDir, item.Experiment, item.Model, item.TaskType, item.TaskId,
            score is null ? ScoreStatus.Skipped : ScoreStatus.Completed, score, comments, score is null ? AllUnsure : null,
            string.Join(", ", latest.Select(s => s.Annotator)), latest.Max(s => s.SubmittedUtc), Annotations: annotations);
    }

    /// <summary>data/evaluations/human-eval/&lt;experiment&gt;/&lt;model&gt;/&lt;task_type&gt;/&lt;task_id&gt;/human-eval.json</summary>
    public static string FilePath(string evaluationsRoot, ItemKey item) =>
        Path.Combine(evaluationsRoot, EvaluatorDir, item.Experiment, item.Model, item.TaskType, item.TaskId, EvaluatorDir + ".json");

    /// <summary>Rewrites an item's human-eval.json atomically from its latest submissions.</summary>
    public static void WriteFile(string evaluationsRoot, ItemKey item, IReadOnlyList<HumanSubmission> latest) =>
        ScoreFiles.Write(FilePath(evaluationsRoot, item), Record(item, latest));
}
