using GapLens.Core.Statistics;

namespace GapLens.Core.Reports;

/// <summary>
/// One number a person reads: its value (null when undefined, with the reason), its interval, its
/// p-value where it is a test, how it is written, which way is better and a legend saying what it is.
/// <see cref="Id"/> is its stable machine name (snake_case) in JSON.
/// </summary>
public sealed record Metric(
    string Id,
    string Label,
    double? Value,
    NumberFormat Format,
    Direction Direction = Direction.Neutral,
    string? Legend = null,
    Interval? Interval = null,
    double? PValue = null,
    string? UndefinedReason = null)
{
    /// <summary>The value as written, e.g. "0.8750", "87.5%", "1,234", or "n/a (no positive labels)".</summary>
    public string Text => Value is null && UndefinedReason is not null ? $"{NumberFormat.Undefined} ({UndefinedReason})" : Format.Format(Value);
}
