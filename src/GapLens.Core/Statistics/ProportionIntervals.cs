namespace GapLens.Core.Statistics;

/// <summary>Confidence intervals for a binomial proportion.</summary>
public static class ProportionIntervals
{
    /// <summary>norm.ppf(0.975), the two-sided 95% normal quantile as scipy computes it.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// Wilson score interval, computed in the same operation order as statsmodels
    /// <c>proportion_confint(method="wilson")</c> so the doubles agree: centre (p + z²/2n)/(1 + z²/n),
    /// half-width z·sqrt(p(1-p)/n + z²/4n²)/(1 + z²/n); not clipped. Null when n is 0 (nothing to estimate).
    /// </summary>
    public static Interval? Wilson(long successes, long trials, double z = Z95, double level = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (trials == 0) return null;
        double n = trials;
        double q = successes / n;
        double z2 = z * z;
        double denom = 1 + z2 / n;
        double centre = (q + z2 / (2 * n)) / denom;
        double dist = z * Math.Sqrt(q * (1.0 - q) / n + z2 / (4.0 * (n * n)));
        dist /= denom;
        return new Interval(centre - dist, centre + dist, level, "wilson");
    }
}
