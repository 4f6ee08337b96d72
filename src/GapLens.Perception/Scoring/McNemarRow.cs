using GapLens.Core.Metrics;
using GapLens.Statistics;

namespace GapLens.Perception.Scoring;

/// <summary>
/// Two answer files on the same questions of one group (all, an area, a task): the paired 2x2 counts,
/// each file's accuracy (Wilson 95%), the difference B - A (higher means B is better) and McNemar's
/// exact test (statsmodels mcnemar(exact=True): only the questions where they disagree count). Where
/// several groups are tested together, <paramref name="AdjustedP"/> is the Benjamini-Hochberg
/// adjusted p-value across them and <paramref name="Significant"/> says whether it is at most alpha.
/// <paramref name="Question"/> is the task's question text (null for areas and the overall row).
/// </summary>
public sealed record McNemarRow(
    string Name, string? Question, long Compared, long BothCorrect, long OnlyACorrect, long OnlyBCorrect, long BothWrong,
    MetricValue AccuracyA, MetricValue AccuracyB, double? Difference, TestResult Test, double? AdjustedP, bool Significant);
