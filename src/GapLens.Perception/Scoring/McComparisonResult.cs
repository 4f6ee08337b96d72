using System.Collections.Immutable;

namespace GapLens.Perception.Scoring;

/// <summary>
/// Answers A against answers B on the same annotation file: overall, per area (Benjamini-Hochberg
/// across the areas) and per task (Benjamini-Hochberg across the tasks), with the questions that
/// flipped. Only questions answered in both files are compared; the others are counted.
/// Tasks are listed by adjusted p-value, then by the size of the difference.
/// </summary>
public sealed record McComparisonResult(
    string AnswersA, string AnswersB, long Questions, long Compared, long AnsweredByOneOnly, long AnsweredByNeither, double Alpha,
    McNemarRow Overall, ImmutableArray<McNemarRow> Areas, ImmutableArray<McNemarRow> Tasks, ImmutableArray<FlippedQuestion> Flipped);
