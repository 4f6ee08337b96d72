namespace GapLens.Statistics;

/// <summary>
/// Upper tails computed directly, as scipy does (norm.sf, chi2.sf), not as 1 - CDF: 1 - CDF loses
/// every digit once the p-value is below about 1e-16 (a p-value of 1e-40 would come out as 0).
/// </summary>
internal static class Tails
{
    /// <summary>P(Z &gt; z) for a standard normal Z (scipy.stats.norm.sf).</summary>
    public static double NormalSf(double z) => 0.5 * MathNet.Numerics.SpecialFunctions.Erfc(z / Math.Sqrt(2));

    /// <summary>P(X &gt; x) for a chi-square X with <paramref name="df"/> degrees of freedom (scipy.stats.chi2.sf).</summary>
    public static double ChiSquaredSf(double x, double df) =>
        x <= 0 ? 1.0 : MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(df / 2, x / 2);
}
