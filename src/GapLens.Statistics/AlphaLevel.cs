namespace GapLens.Statistics;

/// <summary>The level of measurement of ratings for Krippendorff's alpha.</summary>
public enum AlphaLevel
{
    Nominal,
    Ordinal,
    Interval,
}
