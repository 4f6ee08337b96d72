using System.Collections.Immutable;

namespace GapLens.Core.Results;

/// <summary>
/// The shared per-sample result every scoring job produces (judge scores, video QA answers,
/// Perception Test answers), so any number in a report traces back to samples and the failure
/// analysis can read any job's output: the raw output kept beside the extracted answer, how it was
/// extracted, the expected answer, the outcome, a score where there is one, the sample's metadata
/// (model, task type, question type, ...: the features failure slices are found on) and diagnostics.
/// </summary>
public sealed record SampleResult(
    string ItemId,
    SampleOutcome Outcome,
    string? RawOutput,
    string? ExtractedAnswer,
    string? ExtractionMethod,
    string? Expected,
    double? Score = null)
{
    public ImmutableSortedDictionary<string, string> Metadata { get; init; } = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    public ImmutableArray<string> Diagnostics { get; init; } = [];
}
