namespace GapLens.Perception.Confidence;

/// <summary>
/// Settings of the confidence analysis. <see cref="Bins"/> for both calibration binnings;
/// <see cref="Folds"/>, <see cref="C"/> (scikit-learn's inverse L2 strength) and <see cref="Seed"/>
/// (which tasks go to which fold) for the meta-model, over <see cref="MetaSignal"/> (null: the signal
/// most questions have, option probability first on a tie).
/// </summary>
public sealed record ConfidenceOptions
{
    public int Bins { get; init; } = 10;

    public int Folds { get; init; } = 5;

    public double C { get; init; } = 1.0;

    public ulong Seed { get; init; }

    public ConfidenceSignal? MetaSignal { get; init; }
}
