using GapLens.Core.Statistics;

namespace GapLens.Core.Metrics;

/// <summary>
/// A metric that may be undefined: either a value (with an optional interval) or null with the reason,
/// never a silent 0 or NaN.
/// </summary>
public sealed record MetricValue(double? Value, string? UndefinedReason, Interval? Ci95 = null)
{
    public static MetricValue Of(double value, Interval? ci = null) => new(value, null, ci);

    public static MetricValue Undefined(string reason) => new(null, reason);
}
