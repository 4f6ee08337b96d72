using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Results;
using GapLens.Perception.Annotations;
using GapLens.Perception.Scoring;

namespace GapLens.Jobs.Perception;

/// <summary>
/// samples.jsonl of the perception jobs: one <see cref="SampleResult"/> per question, so every number
/// of a report traces back to questions. Item id <c>video_id/question_id</c>; the chosen option's text
/// as the raw output, its index as the extracted answer, the correct index as expected, score 1/0
/// (null when unanswered); metadata: video, question, task, question text, reasoning, derived areas,
/// tags, the options chosen and expected as text, plus what each job adds (attention scores,
/// confidences).
/// </summary>
internal static class PerceptionSamples
{
    public static IEnumerable<SampleResult> Of(PerceptionAnnotations annotations, McScoreResult scores,
        Func<QuestionOutcome, IEnumerable<KeyValuePair<string, string>>>? extra = null) => Of(annotations, scores.Outcomes, answered: true, extra);

    /// <param name="annotations">The annotations the outcomes refer to.</param>
    /// <param name="outcomes">The questions (a ground truth below 0: none).</param>
    /// <param name="answered">False when no answers file was given: every question is Skipped.</param>
    /// <param name="extra">Metadata a job adds per question.</param>
    public static IEnumerable<SampleResult> Of(PerceptionAnnotations annotations, IEnumerable<QuestionOutcome> outcomes, bool answered,
        Func<QuestionOutcome, IEnumerable<KeyValuePair<string, string>>>? extra)
    {
        foreach (var o in outcomes)
        {
            var q = annotations.Find(o.VideoId)!.Questions[o.QuestionId];
            var meta = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            meta["video_id"] = o.VideoId;
            meta["question_id"] = o.QuestionId.ToString(CultureInfo.InvariantCulture);
            meta["task_id"] = o.TaskId;
            meta["question"] = q.Question;
            meta["reasoning"] = q.Reasoning;
            meta["areas"] = string.Join(", ", SkillTaxonomy.AreasOf(q.Tags));
            meta["tags"] = string.Join(", ", q.Tags);
            if (o.GroundTruth >= 0) meta["expected_text"] = q.Options[o.GroundTruth];
            if (o.Chosen is { } c) meta["chosen_text"] = q.Options[c];
            if (extra is not null)
            {
                foreach (var (k, v) in extra(o)) meta[k] = v;
            }
            var outcome = !answered ? SampleOutcome.Skipped : o.Chosen is null ? SampleOutcome.Unanswered : o.Correct ? SampleOutcome.Correct : SampleOutcome.Wrong;
            yield return new SampleResult($"{o.VideoId}/{o.QuestionId.ToString(CultureInfo.InvariantCulture)}", outcome,
                o.Chosen is { } chosen ? q.Options[chosen] : null, o.Chosen?.ToString(CultureInfo.InvariantCulture), o.Chosen is null ? null : "answer_id",
                o.GroundTruth >= 0 ? o.GroundTruth.ToString(CultureInfo.InvariantCulture) : null, o.Chosen is null ? null : o.Correct ? 1 : 0)
            {
                Metadata = meta.ToImmutable(),
                Diagnostics = answered ? [] : ["no answers file given: not scored"],
            };
        }
    }

    /// <summary>A number for metadata (invariant, round-trip), or "n/a".</summary>
    public static string Num(double? v) => v is { } x ? x.ToString("R", CultureInfo.InvariantCulture) : "n/a";
}
