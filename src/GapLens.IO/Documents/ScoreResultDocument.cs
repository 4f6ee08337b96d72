using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace GapLens.IO.Documents;

/// <summary>
/// The "result" of a VMEvalKit score file: a completed score (a judge's explanation and evaluation type,
/// or a human's comments; the multi-frame vote; the judge's identity), or a skipped/failed item with
/// its error (and the raw reply of a judge that failed). Absent members are not written, so VMEvalKit's
/// own tools read the file as theirs.
/// </summary>
public sealed record ScoreResultDocument
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? SolutionCorrectnessScore { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Comments { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Explanation { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EvaluationType { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ImmutableArray<int>? FrameScores { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? FrameAgreement { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? NeedsReview { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Error { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? RawReply { get; init; }

    /// <summary>Who judged: endpoint model id, prompt template id and hash, temperature (GapLens' addition; VMEvalKit ignores it).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SortedDictionary<string, string>? Judge { get; init; }

    /// <summary>Every annotator's latest score (or "unsure") and comment, when several people score an
    /// item (GapLens' human scoring; the score above is then their lower median).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ImmutableArray<HumanAnnotationDocument>? Annotations { get; init; }

    public required string Status { get; init; }
}
