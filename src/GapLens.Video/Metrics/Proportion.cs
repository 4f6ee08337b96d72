using GapLens.Core.Statistics;

namespace GapLens.Video.Metrics;

/// <summary>k of n with its rate and Wilson 95% interval (statsmodels' proportion_confint "wilson");
/// rate and interval are null when n is 0.</summary>
public sealed record Proportion(long Successes, long Trials, double? Value, Interval? Interval)
{
    public static Proportion Of(long successes, long trials) =>
        new(successes, trials, trials == 0 ? null : successes / (double)trials, ProportionIntervals.Wilson(successes, trials));
}
