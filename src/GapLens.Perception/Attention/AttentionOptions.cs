using System.Collections.Immutable;

namespace GapLens.Perception.Attention;

/// <summary>
/// Settings of the attention analysis (echoed in the result). <see cref="ObjectLabels"/> empty means
/// every tracked object in the frame is relevant; otherwise objects whose label contains one of the
/// terms (case-insensitive). <see cref="FrameTolerance"/> is in video frames (null: half a second at
/// the video's frame rate). <see cref="PointingTolerance"/> is in map cells (distance between cell
/// centres). <see cref="IouFraction"/> is the reported IoU threshold (a fraction of the map's
/// maximum); <see cref="IouSweep"/> the fractions tried to find the best one. <see cref="MeanSlices"/>
/// adds the mean over heads of each layer and the mean over all layers as slices of their own.
/// Correlations with correctness are ranked by <see cref="RankBy"/>.
/// </summary>
public sealed record AttentionOptions
{
    public ImmutableArray<string> ObjectLabels { get; init; } = [];

    public FrameMatching FrameMatching { get; init; } = FrameMatching.Nearest;

    public int? FrameTolerance { get; init; }

    public double PointingTolerance { get; init; }

    public double IouFraction { get; init; } = 0.15;

    public ImmutableArray<double> IouSweep { get; init; } = [.. Enumerable.Range(1, 19).Select(i => i / 20.0)];

    public bool MeanSlices { get; init; } = true;

    public LocalisationMetric RankBy { get; init; } = LocalisationMetric.MassRatio;

    /// <summary>Threads for the per-question work (null: all cores).</summary>
    public int? MaxDegreeOfParallelism { get; init; }
}
