using System.Collections.Immutable;
using GapLens.Core.Results;
using GapLens.Judging.Folders;

namespace GapLens.Judging.Analysis;

/// <summary>Score files as the shared per-sample results: a completed score passes or fails at the
/// threshold (the score kept beside it), a skipped item is skipped, a failed one a judge failure.</summary>
public static class ScoreSamples
{
    /// <summary>A score's item id in samples.jsonl: experiment/model/task type/task id.</summary>
    public static string IdOf(ScoreRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return $"{r.Experiment}/{r.Model}/{r.TaskType}/{r.TaskId}";
    }

    public static SampleResult Of(ScoreRecord r, double passAtOrAbove)
    {
        ArgumentNullException.ThrowIfNull(r);
        var outcome = r.Status switch
        {
            ScoreStatus.Completed => r.Score >= passAtOrAbove ? SampleOutcome.Correct : SampleOutcome.Wrong,
            ScoreStatus.Skipped => SampleOutcome.Skipped,
            _ => SampleOutcome.JudgeFailed,
        };
        string domain = r.TaskType.EndsWith("_task", StringComparison.Ordinal) ? r.TaskType[..^5] : r.TaskType;
        var meta = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new KeyValuePair<string, string>[]
        {
            new("evaluator", r.Evaluator),
            new("experiment", r.Experiment),
            new("model", r.Model),
            new("task_type", r.TaskType),
            new("domain", domain),
            new("annotator", r.Annotator ?? ""),
        }.Where(kv => kv.Value.Length > 0));
        var diagnostics = ImmutableArray.CreateBuilder<string>();
        if (r.Error is { } e) diagnostics.Add(e);
        if (r.NeedsReview == true) diagnostics.Add("needs_review: the frames' votes disagree");
        return new SampleResult(IdOf(r), outcome, r.RawReply ?? r.Explanation,
            r.Score?.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Annotator is null ? "judge-json" : "human", null, r.Score)
        {
            Metadata = meta,
            Diagnostics = diagnostics.ToImmutable(),
        };
    }
}
