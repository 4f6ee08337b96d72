using System.Collections.Immutable;

namespace GapLens.Core.Metrics;

/// <summary>
/// The outcome of sweeping candidate thresholds under a recall constraint: every candidate (for
/// plots), which were feasible, and the chosen one (null when none is feasible: the KPI is unreachable).
/// </summary>
public sealed record ThresholdSelection(
    ImmutableArray<OperatingPoint> Candidates,
    ImmutableArray<bool> Feasible,
    OperatingPoint? Best,
    double MinRecall,
    double? BestAchievableRecall)
{
    /// <summary>Recall counts as meeting the target when it is at most this far below it (TAO's tolerance
    /// for recall values that differ from the target only by rounding).</summary>
    public const double RecallTolerance = 1e-12;

    public int FeasibleCount => Feasible.Count(f => f);

    /// <summary>
    /// TAO vcn_aoi's sweep (strict rule <c>score &gt; t</c>): candidates are the value just below the
    /// smallest score followed by every distinct score ascending; feasible when the class has
    /// positives and recall &gt;= min_recall - 1e-12; the best maximises (F1, precision, threshold).
    /// O(n log n) through <see cref="ScoreSweep"/>.
    /// </summary>
    public static ThresholdSelection Sweep(ScoreSweep sweep, double minRecall)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var scores = sweep.DistinctScores;
        var candidates = ImmutableArray.CreateBuilder<OperatingPoint>(scores.Length + 1);
        if (scores.Length > 0)
        {
            candidates.Add(OperatingPoint.At(Math.BitDecrement(scores[0]), new BinaryConfusion(sweep.Positives, sweep.Negatives, 0, 0)));
            for (int k = 0; k < scores.Length; k++) candidates.Add(OperatingPoint.At(scores[k], sweep.AtDistinctStrict(k)));
        }
        var feasible = ImmutableArray.CreateBuilder<bool>(candidates.Count);
        OperatingPoint? best = null;
        double? bestRecall = null;
        foreach (var c in candidates)
        {
            bool ok = c.Counts.Tp + c.Counts.Fn > 0 && c.Recall >= minRecall - RecallTolerance;
            feasible.Add(ok);
            if (c.Counts.Tp + c.Counts.Fn > 0) bestRecall = Math.Max(bestRecall ?? double.NegativeInfinity, c.Recall);
            if (ok && (best is null || Better(c, best))) best = c;
        }
        return new ThresholdSelection(candidates.MoveToImmutable(), feasible.MoveToImmutable(), best, minRecall, bestRecall);
    }

    /// <summary>Python's max by the key (f1, precision, threshold): the first maximum wins ties.</summary>
    private static bool Better(OperatingPoint a, OperatingPoint b) =>
        a.F1 != b.F1 ? a.F1 > b.F1 : a.Precision != b.Precision ? a.Precision > b.Precision : a.Threshold > b.Threshold;
}
