using GapLens.Core.Statistics;

namespace GapLens.Statistics;

/// <summary>A correlation coefficient with its two-sided p-value and interval, from N pairs; null
/// values with the reason when undefined (fewer than 3 pairs, a constant input).</summary>
public sealed record CorrelationResult(double? R, double? PValue, Interval? Ci, int N, string Method, string? UndefinedReason = null)
{
    public static CorrelationResult Undefined(string method, int n, string reason) => new(null, null, null, n, method, reason);
}
