using System.Globalization;
using GapLens.Core;
using GapLens.Core.Config;

namespace GapLens.Jobs.Perception;

/// <summary>Options of <c>gaplens perception score</c>.</summary>
/// <param name="Annotations">The Perception Test annotation file (a JSON object keyed by video id).</param>
/// <param name="Answers">The model's answers ({video_id: [{id, answer_id, answer}]}).</param>
/// <param name="OutDir">Where scores.json, samples.jsonl and the report go.</param>
/// <param name="Lenient">Score a partial answers file (missing = unanswered, reported separately).</param>
/// <param name="Compare">A second answers file on the same questions: McNemar per area and task, flipped questions.</param>
/// <param name="Alpha">False discovery rate of the Benjamini-Hochberg adjustment in the comparison.</param>
/// <param name="FailUnder">Quality gate: exit 1 when top-1 accuracy is below this (0-1); null: no gate.</param>
public sealed record PerceptionScoreOptions(
    string Annotations,
    string Answers,
    string OutDir,
    bool Lenient = false,
    string? Compare = null,
    double Alpha = AnalysisDefaults.Alpha,
    double? FailUnder = null) : IJobOptions
{
    /// <summary>Checks every value at the boundary: one line naming the option, the value and what is allowed.</summary>
    public IEnumerable<BoundedValue> Numbers() =>
    [
        new("--alpha", Alpha, new ValueRange(0, 1, MinOpen: true, MaxOpen: true)),
        new("--fail-under", FailUnder, ValueRange.Closed(0, 1) with { Note = "an accuracy, e.g. 0.6", NullMeans = "no gate" }),
    ];

    public void Validate()
    {
        BoundedValue.CheckAll(Numbers());
    }

    public IEnumerable<KeyValuePair<string, string?>> Describe() =>
    [
        new("annotations", Annotations),
        new("answers", Answers),
        new("out", OutDir),
        new("lenient", Lenient ? "true" : "false"),
        new("compare", Compare),
        new("alpha", Alpha.ToString("R", CultureInfo.InvariantCulture)),
        new("fail_under", FailUnder?.ToString("R", CultureInfo.InvariantCulture)),
    ];
}
