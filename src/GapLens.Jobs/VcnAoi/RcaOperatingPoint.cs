using GapLens.Core.Metrics;
using GapLens.Core.Statistics;

namespace GapLens.Jobs.VcnAoi;

/// <summary>
/// The best threshold for one recall target (TAO's rule: the feasible candidate with the highest F1,
/// then precision, then threshold) and what it costs: good parts falsely rejected and defects missed,
/// each as a count and a rate with its Wilson 95% interval. <see cref="Point"/> is null when no
/// threshold reaches the target.
/// </summary>
public sealed record RcaOperatingPoint(double TargetRecall, bool IsChosenTarget, OperatingPoint? Point)
{
    public long FalseRejects => Point?.Counts.Fp ?? 0;

    public long GoodParts => Point is { } p ? p.Counts.Fp + p.Counts.Tn : 0;

    public long MissedDefects => Point?.Counts.Fn ?? 0;

    public long Defects => Point is { } p ? p.Counts.Tp + p.Counts.Fn : 0;

    /// <summary>FP / (FP + TN): the share of good parts rejected (null: no good part).</summary>
    public double? FalseRejectRate => GoodParts == 0 ? null : FalseRejects / (double)GoodParts;

    public Interval? FalseRejectRateCi => GoodParts == 0 ? null : ProportionIntervals.Wilson(FalseRejects, GoodParts);

    /// <summary>FN / (TP + FN): the share of defects let through (null: no defect).</summary>
    public double? MissRate => Defects == 0 ? null : MissedDefects / (double)Defects;

    public Interval? MissRateCi => Defects == 0 ? null : ProportionIntervals.Wilson(MissedDefects, Defects);
}
