using GapLens.Core.Statistics;

namespace GapLens.Statistics;

/// <summary>
/// The area under the ROC curve (0.5 = chance, 1 = every positive scores above every negative; higher
/// is better), with its confidence interval where one was asked for, and the positive and negative
/// totals it was computed from (counts, or sums of sample weights). Null with the reason when
/// undefined (only one class present).
/// </summary>
public sealed record AurocResult(double? Value, Interval? Ci, double Positives, double Negatives, string? UndefinedReason = null)
{
    public static AurocResult Undefined(string reason, double positives, double negatives) => new(null, null, positives, negatives, reason);
}
