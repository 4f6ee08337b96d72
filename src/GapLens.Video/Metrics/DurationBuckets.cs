using System.Collections.Immutable;

namespace GapLens.Video.Metrics;

/// <summary>Video length buckets in minutes: under 10, 10-30, 30-60, 60-90, 90-120, 120 and more
/// (LVBench's videos are 30 to 140 minutes long); "unknown" without a length.</summary>
public static class DurationBuckets
{
    public const string Unknown = "unknown";

    private static readonly (double UpTo, string Label)[] Buckets =
        [(10, "<10 min"), (30, "10-30 min"), (60, "30-60 min"), (90, "60-90 min"), (120, "90-120 min"), (double.PositiveInfinity, ">=120 min")];

    /// <summary>The labels in order, "unknown" last.</summary>
    public static ImmutableArray<string> Labels { get; } = [.. Buckets.Select(b => b.Label), Unknown];

    public static string Of(double? seconds)
    {
        if (seconds is not { } s || !double.IsFinite(s)) return Unknown;
        double minutes = s / 60;
        foreach (var (upTo, label) in Buckets)
        {
            if (minutes < upTo) return label;
        }
        return Buckets[^1].Label;
    }
}
