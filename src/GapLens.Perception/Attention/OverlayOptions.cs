namespace GapLens.Perception.Attention;

/// <summary>
/// Which overlays to draw: for every task, its strongest and weakest question on
/// <see cref="Metric"/> of slice <see cref="Slice"/> (null: the slice ranked first for predicting
/// correctness, else the last slice, the mean of all layers when there is one), each at the frame
/// where that question scores best (strongest) or worst (weakest). Frames are scaled so their longer
/// side is at most <see cref="MaxSide"/> pixels.
/// </summary>
public sealed record OverlayOptions
{
    public int? Slice { get; init; }

    public LocalisationMetric Metric { get; init; } = LocalisationMetric.MassRatio;

    public int MaxSide { get; init; } = 960;

    public double Opacity { get; init; } = 0.6;
}
