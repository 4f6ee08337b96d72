namespace GapLens.Statistics;

/// <summary>Bootstrap interval methods.</summary>
public enum BootstrapMethod
{
    Percentile,

    /// <summary>Bias-corrected and accelerated (Efron 1987): the bias from the share of resamples
    /// below the observed value, the acceleration from the jackknife.</summary>
    BCa,
}
