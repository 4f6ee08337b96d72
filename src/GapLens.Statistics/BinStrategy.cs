namespace GapLens.Statistics;

/// <summary>How calibration bins are formed.</summary>
public enum BinStrategy
{
    /// <summary>Equal-width bins over [0, 1] (the last includes 1).</summary>
    EqualWidth,

    /// <summary>Equal-mass bins: the samples sorted by confidence, split into nearly equal groups.</summary>
    EqualMass,
}
