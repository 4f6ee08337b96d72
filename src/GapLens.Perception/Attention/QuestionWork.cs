namespace GapLens.Perception.Attention;

/// <summary>One question's frame sums before they become means: per slice and metric (5 metrics in
/// <see cref="LocalisationMetric"/> order), the IoU sweep per slice and fraction, and chance.</summary>
internal sealed record QuestionWork(int Frames, int FramesScored, double[] Sums, int[] Counts, double[] SweepSums, double[] ChanceSums, int[] ChanceCounts)
{
    public const int Metrics = 5;

    public double? Mean(int slice, int metric) =>
        Counts[slice * Metrics + metric] > 0 ? Sums[slice * Metrics + metric] / Counts[slice * Metrics + metric] : null;

    public double? ChanceMean(int metric) => ChanceCounts[metric] > 0 ? ChanceSums[metric] / ChanceCounts[metric] : null;
}
