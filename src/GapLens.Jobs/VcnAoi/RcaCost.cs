using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Metrics;
using GapLens.Core.Reports;
using GapLens.Core.Text;

namespace GapLens.Jobs.VcnAoi;

/// <summary>
/// The cost side of the vcn_aoi verdict. A reachable recall target is not a green light by itself: at
/// min_recall = 1.0 the chosen threshold can reject half of the good parts. The verdict's tone and words
/// follow the false-reject rate, and an operating-points table shows what relaxing the recall target
/// buys (recall 1.0, 0.999, 0.99, 0.95 and the chosen target), each with its intervals.
/// </summary>
public static class RcaCost
{
    /// <summary>The recall targets always shown beside the chosen one.</summary>
    public static readonly ImmutableArray<double> StandardTargets = [1.0, 0.999, 0.99, 0.95];

    /// <summary>At or below this false-reject rate the verdict is green.</summary>
    public const double AcceptableFalseRejectRate = 0.05;

    /// <summary>The operating points, highest recall target first: TAO's rule (recall >= target within
    /// the tolerance, then the highest F1, precision, threshold) run once per target over the sweep's
    /// counts, O(distinct scores) each, never a list of every candidate.</summary>
    public static ImmutableArray<RcaOperatingPoint> Points(ScoreSweep sweep, double chosenTarget)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        double[] targets = [.. StandardTargets.Append(chosenTarget).Distinct().OrderByDescending(t => t)];
        var best = ThresholdSelection.BestForEach(sweep, targets); // one pass over the candidates for all targets
        return [.. targets.Select((t, i) => new RcaOperatingPoint(t, t == chosenTarget, best[i]))];
    }

    public static Table Table(ImmutableArray<RcaOperatingPoint> points)
    {
        var f4 = NumberFormat.Fixed(4);
        var pct = NumberFormat.Percent(1);
        return new Table("operating_points", "Operating points: what each recall target costs",
            [
                new TableColumn("target", "recall target"), new TableColumn("threshold", "threshold", Numeric: true),
                new TableColumn("recall", "recall (95% CI)", Direction.HigherIsBetter, Numeric: true),
                new TableColumn("precision", "precision (95% CI)", Direction.HigherIsBetter, Numeric: true),
                new TableColumn("false_rejects", "good parts falsely rejected", Direction.LowerIsBetter, "FP: PASS parts scored above the threshold", Numeric: true),
                new TableColumn("false_reject_rate", "false-reject rate (95% CI)", Direction.LowerIsBetter, "FP / (FP + TN)", Numeric: true),
                new TableColumn("missed", "defects missed", Direction.LowerIsBetter, "FN: NO_PASS parts at or below the threshold", Numeric: true),
                new TableColumn("miss_rate", "miss rate (95% CI)", Direction.LowerIsBetter, "FN / (TP + FN)", Numeric: true),
            ],
            [.. points.Select(p => p.Point is not { } op
                ? ImmutableArray.Create<Cell>(Target(p), Cell.Of("unreachable"), Cell.Of(NumberFormat.Undefined), Cell.Of(NumberFormat.Undefined), Cell.Of(""), Cell.Of(""), Cell.Of(""), Cell.Of(""))
                : ImmutableArray.Create<Cell>(Target(p), Cell.Number(op.Threshold, NumberFormat.PyRepr),
                    Cell.Number(op.Recall, f4, op.Counts.Recall().Ci95), Cell.Number(op.Precision, f4, op.Counts.Precision().Ci95),
                    Cell.Count(p.FalseRejects), Cell.Number(p.FalseRejectRate, pct, p.FalseRejectRateCi),
                    Cell.Count(p.MissedDefects), Cell.Number(p.MissRate, pct, p.MissRateCi)))],
            "Each row is the best threshold (highest F1, then precision) whose NO_PASS recall meets the target on this KPI set. Intervals: Wilson 95%.");
    }

    private static Cell Target(RcaOperatingPoint p) => p.IsChosenTarget
        ? new BadgeCell(PyFloat.Repr(p.TargetRecall) + " (chosen)", Tone.Info)
        : Cell.Of(PyFloat.Repr(p.TargetRecall));

    /// <summary>The verdict of a reachable target: green when few good parts are rejected, amber
    /// (naming the cost and the cheaper targets) otherwise.</summary>
    public static Verdict Verdict(VcnAoiJob.Result r, ImmutableArray<RcaOperatingPoint> points)
    {
        ArgumentNullException.ThrowIfNull(r);
        var ic = CultureInfo.InvariantCulture;
        var c = r.AtThreshold.Counts;
        long good = c.Fp + c.Tn, defects = c.Tp + c.Fn;
        double frr = good == 0 ? 0 : c.Fp / (double)good;
        string missed = c.Fn == 0 ? "every defect is caught" : string.Create(ic, $"{c.Fn:#,0} of {defects:#,0} defects are missed");
        string cost = string.Create(ic, $"{c.Fp:#,0} of {good:#,0} good parts ({NumberFormat.Percent(1).Format(frr)}) are falsely rejected");
        var points2 = new List<string>();
        foreach (var p in points.Where(p => !p.IsChosenTarget && p.TargetRecall < r.Options.MinRecall && p.Point is not null && p.FalseRejects < c.Fp))
        {
            points2.Add(string.Create(ic,
                $"At recall {PyFloat.Repr(p.TargetRecall)}: threshold {PyFloat.Repr(p.Point!.Threshold)}, precision {NumberFormat.Fixed(4).Format(p.Point.Precision)}, {p.FalseRejects:#,0} false rejects ({NumberFormat.Percent(1).Format(p.FalseRejectRate)}), {p.MissedDefects:#,0} missed defects."));
        }
        if (frr <= AcceptableFalseRejectRate)
        {
            return new Verdict(Tone.Good, string.Create(ic,
                $"KPI met at threshold {PyFloat.Repr(r.Threshold)}: {missed} (recall {PyFormat.Fixed(r.AtThreshold.Recall, 4)}) and {cost} (precision {PyFormat.Fixed(r.AtThreshold.Precision, 4)})."), [.. points2]);
        }
        return new Verdict(Tone.Warning, string.Create(ic,
            $"KPI reachable, but at a cost: at threshold {PyFloat.Repr(r.Threshold)} {missed} (recall {PyFormat.Fixed(r.AtThreshold.Recall, 4)}) while {cost} (precision {PyFormat.Fixed(r.AtThreshold.Precision, 4)}). Weigh the operating points below before deploying."),
            [.. points2]);
    }

    /// <summary>The first recommended action: the threshold with its cost, and the cheaper alternative when the cost is high.</summary>
    public static string DeployAction(VcnAoiJob.Result r, ImmutableArray<RcaOperatingPoint> points)
    {
        ArgumentNullException.ThrowIfNull(r);
        var ic = CultureInfo.InvariantCulture;
        var c = r.AtThreshold.Counts;
        long good = c.Fp + c.Tn;
        double frr = good == 0 ? 0 : c.Fp / (double)good;
        string line = string.Create(ic,
            $"Threshold: {(frr <= AcceptableFalseRejectRate ? "deploy" : "deploy only if the false-reject cost is acceptable:")} {PyFloat.Repr(r.Threshold)} (predict NO_PASS when siamese_score > threshold); expect {c.Fp:#,0} false rejects of {good:#,0} good parts ({NumberFormat.Percent(1).Format(frr)}) and {c.Fn:#,0} missed defects on this KPI set.");
        var cheaper = points.Where(p => p.TargetRecall < r.Options.MinRecall && p.Point is not null && p.FalseRejects < c.Fp).OrderByDescending(p => p.TargetRecall).FirstOrDefault();
        if (frr > AcceptableFalseRejectRate && cheaper is not null)
        {
            line += string.Create(ic, $" Alternative: min_recall={PyFloat.Repr(cheaper.TargetRecall)} gives threshold {PyFloat.Repr(cheaper.Point!.Threshold)} with {cheaper.FalseRejects:#,0} false rejects ({NumberFormat.Percent(1).Format(cheaper.FalseRejectRate)}) and {cheaper.MissedDefects:#,0} missed defects.");
        }
        if (r.Selection is null) line += " The threshold was pinned; run without threshold= to sweep for the best one.";
        return line;
    }
}
