namespace GapLens.Core.Metrics;

/// <summary>
/// The one ratio of counts under every precision, recall, specificity and accuracy in GapLens, with an
/// explicit zero-division policy (scikit-learn's <c>zero_division</c>): TAO's vcn_aoi uses 0, scikit-learn's
/// precision-recall curve uses 0 for precision and 1 for recall without positives, GapLens' own metrics
/// say undefined.
/// </summary>
public static class Ratio
{
    public static double? Of(long numerator, long denominator, ZeroDivision zeroDivision) =>
        denominator != 0
            ? (double)numerator / denominator
            : zeroDivision switch
            {
                ZeroDivision.Zero => 0.0,
                ZeroDivision.One => 1.0,
                _ => null,
            };

    /// <summary>The ratio where a policy of 0 or 1 always gives a value.</summary>
    public static double Defined(long numerator, long denominator, ZeroDivision zeroDivision) =>
        Of(numerator, denominator, zeroDivision) ?? throw new ArgumentException("an undefined ratio needs ZeroDivision.Zero or One", nameof(zeroDivision));
}
