using System.Collections.Immutable;
using GapLens.Core.Metrics;
using GapLens.Core.Mining.Aoi;
using GapLens.Core.Reports.Rca;
using GapLens.Core.Statistics;
using GapLens.Core.Text;

namespace GapLens.Jobs.VcnAoi;

/// <summary>Builds the <see cref="RcaReport"/> model from a vcn_aoi run (every number is computed here).</summary>
public static class RcaReportBuilder
{
    private const int Bins = 40;
    private const int MaxPlotPoints = 1500;
    private const int SpotCheckPerClass = 5;

    public static RcaReport Build(VcnAoiJob.Result r, DateTimeOffset created)
    {
        ArgumentNullException.ThrowIfNull(r);
        var selection = r.Selection ?? ThresholdSelection.Sweep(r.Sweep, r.Options.MinRecall); // pinned: swept for the plots only
        bool reachable = r.Unreachable is null;
        var at = r.AtThreshold.Counts;
        var samples = reachable ? Samples(r) : [];
        // Computed once and shared by the sections, the actions and the plots.
        var pr = Curves.PrecisionRecall(r.Sweep);
        var labelRecall = reachable ? AoiAnalysis.RecallByLabel(r.Table, r.Threshold, r.Options.MinRecall) : [];
        var verdict = new RcaVerdict(
            reachable ? PyFloat.Repr(r.Threshold) : "n/a",
            reachable ? PyFormat.Fixed(r.AtThreshold.Precision, 4) : "n/a",
            reachable ? PyFormat.Fixed(r.AtThreshold.Recall, 4) : "n/a",
            reachable ? PyFormat.Fixed(r.AtThreshold.F1, 4) : "n/a",
            reachable,
            r.Selection is null && reachable,
            r.Sweep.Count, r.Sweep.Negatives, r.Sweep.Positives,
            r.Weak.Rows.Length,
            [.. r.PerLabel.Where(l => l.Misclassified > 0).OrderByDescending(l => l.Misclassified).Take(3).Select(l => (l.Group, l.Misclassified))],
            Headline(r, selection));
        var section = new RcaThresholdSection(
            PyFloat.Repr(r.Options.MinRecall), selection.Candidates.Length, selection.FeasibleCount,
            TieBreak(r, selection), at.Tp, at.Fn, at.Fp, at.Tn, RocAuc(r.Sweep), r.Sweep.Positives == 0 ? null : Curves.AveragePrecision(pr),
            reachable ? at.Precision().Ci95 : null,
            reachable ? at.Recall().Ci95 : null,
            reachable ? ConfusionBootstrap.Run(at) : null,
            labelRecall);
        return new RcaReport(
            RunRecord.Tool.Version, created, r.CsvPath, verdict, section,
            [.. r.PerLabel],
            TopK(r, samples),
            SpotCheck(r, samples),
            r.Breakdown,
            reachable ? Actions(r, labelRecall) : [UnreachableAction(r, selection)],
            r.Unreachable,
            Plots(r, selection, pr));
    }

    private static List<RcaSample> Samples(VcnAoiJob.Result r)
    {
        var list = new List<RcaSample>(r.Weak.Rows.Length);
        for (int i = 0; i < r.Weak.Rows.Length; i++)
        {
            int row = r.Weak.Rows[i];
            var (input, obj) = r.Paths[row];
            list.Add(new RcaSample(r.Table.Groups[r.Table.GroupOf(row)], input, obj, r.Table.Scores[row], r.Weak.Weakness[i], r.Table.IsMisclassified(row, r.Threshold)));
        }
        return list;
    }

    private static string Headline(VcnAoiJob.Result r, ThresholdSelection s)
    {
        if (r.Unreachable is not null)
        {
            string best = s.BestAchievableRecall is { } b ? PyFormat.Fixed(b, 4) : "undefined (no NO_PASS samples)";
            return $"KPI unreachable: no threshold gives {PyFormat.Percent(r.Options.MinRecall, 0)} NO_PASS recall; the best achievable recall is {best}.";
        }
        var c = r.AtThreshold.Counts;
        string missed = c.Fn == 0 ? "every defect is caught" : $"{c.Fn} of {c.Tp + c.Fn} defects are missed";
        return $"At threshold {PyFloat.Repr(r.Threshold)}, {missed} (recall {PyFormat.Fixed(r.AtThreshold.Recall, 4)}) and " +
            $"{c.Fp} of {c.Fp + c.Tn} good parts are falsely rejected (precision {PyFormat.Fixed(r.AtThreshold.Precision, 4)}).";
    }

    private static string TieBreak(VcnAoiJob.Result r, ThresholdSelection s)
    {
        if (r.Selection is null) return $"none: the threshold was pinned (threshold={PyFloat.Repr(r.Options.Threshold)}), no sweep";
        if (s.Best is not { } best) return "none: no candidate met the recall target";
        var feasible = s.Candidates.Where((c, i) => s.Feasible[i]).ToList();
        int sameF1 = feasible.Count(c => c.F1 == best.F1);
        if (sameF1 == 1) return "best F1 (unique among feasible candidates)";
        int samePrecision = feasible.Count(c => c.F1 == best.F1 && c.Precision == best.Precision);
        return samePrecision == 1
            ? $"precision: {sameF1} candidates tied on F1, the most precise won"
            : $"threshold: {samePrecision} candidates tied on F1 and precision, the highest threshold won";
    }

    private static double? RocAuc(ScoreSweep sweep)
    {
        var roc = Curves.Roc(sweep);
        return roc.Fpr is { } f && roc.Tpr is { } t ? Curves.Auc(f.AsSpan(), t.AsSpan()) : null;
    }

    private static ImmutableArray<RcaLabelSamples> TopK(VcnAoiJob.Result r, List<RcaSample> samples)
    {
        var groups = new List<RcaLabelSamples>();
        foreach (var (group, _, _) in AoiAnalysis.GroupsInOrder(r.Table, r.Weak))
        {
            string name = r.Table.Groups[group];
            var seen = new HashSet<(string, string)>();
            groups.Add(new RcaLabelSamples(name, [.. samples.Where(s => s.Label == name && seen.Add((s.InputPath, s.ObjectName)))]));
        }
        return [.. groups];
    }

    private static ImmutableArray<RcaSpotCheckItem> SpotCheck(VcnAoiJob.Result r, List<RcaSample> samples)
    {
        string lighting = r.Train.Lightings[0];
        var pick = samples.Where(s => s.Label == "PASS").Take(SpotCheckPerClass)
            .Concat(samples.Where(s => s.Label != "PASS").Take(SpotCheckPerClass));
        return [.. pick.Select(s => new RcaSpotCheckItem(s, PurePosixPath.Join(r.Options.KpiMediaPath, s.InputPath, $"{s.ObjectName}_{lighting}{r.Train.ImageExt}"), null, null))];
    }

    private static ImmutableArray<string> Actions(VcnAoiJob.Result r, ImmutableArray<AoiLabelRecall> labelRecall)
    {
        var c = r.AtThreshold.Counts;
        var actions = new List<string>
        {
            $"Threshold: deploy {PyFloat.Repr(r.Threshold)} (predict NO_PASS when siamese_score > threshold); expect {c.Fp} false rejects of {c.Fp + c.Tn} good parts " +
            $"and {c.Fn} missed defects on this KPI set." + (r.Selection is null ? " The threshold was pinned; run without threshold= to sweep for the best one." : ""),
        };
        var wrongPass = r.PerLabel.FirstOrDefault(l => l.Group == "PASS");
        if (wrongPass is { Misclassified: > 0 })
        {
            actions.Add($"Relabel candidates: {wrongPass.Misclassified} PASS samples score above the threshold. Review the weakest first (section 4): " +
                "a confident defect score on a PASS label is often a mislabeled defect, otherwise a hard good part to add to training.");
        }
        var defects = r.PerLabel.Where(l => l.Group != "PASS").OrderByDescending(l => l.MaxWeakness).ToList();
        if (defects.Count > 0)
        {
            var marginal = AoiAnalysis.GroupsInOrder(r.Table, r.Weak).Where(g => r.Table.Groups[g.Group] != "PASS")
                .Select(g => $"{r.Table.Groups[g.Group]} ({g.Count} kept, {g.Count - g.Misclassified} marginal)").ToList();
            actions.Add($"Augmentation targets: the defect labels closest to the threshold, weakest first: {string.Join(", ", marginal.DefaultIfEmpty("none kept"))}. " +
                "Collect or augment more of these so the margin grows and the threshold can rise.");
        }
        if (c.Fn > 0) actions.Add($"Missed defects: {c.Fn} NO_PASS samples score at or below the threshold; inspect them before deployment.");
        var belowTarget = labelRecall.Where(l => !l.MeetsTarget).ToList();
        if (belowTarget.Count > 0)
        {
            actions.Add("Defect types below the recall target at this threshold: " +
                string.Join(", ", belowTarget.Select(l => $"{l.Group} ({l.Missed} of {l.Caught + l.Missed} missed)")) + ". Add training data for these types first.");
        }
        return [.. actions];
    }

    private static string UnreachableAction(VcnAoiJob.Result r, ThresholdSelection s) =>
        s.BestAchievableRecall is null
            ? "Relabel or add data: the KPI set has no NO_PASS samples, so recall is undefined. Add labelled defects to the KPI set, then rerun."
            : $"Retrain or relabel: no threshold catches {PyFormat.Percent(r.Options.MinRecall, 0)} of defects (best {PyFormat.Fixed(s.BestAchievableRecall.Value, 4)}). " +
              "Review the NO_PASS samples with the lowest scores (likely mislabeled or defect types the model has not learned), fix their labels or add similar defects to training, and retrain.";

    private static RcaPlotData Plots(VcnAoiJob.Result r, ThresholdSelection s, PrCurve pr)
    {
        double min = r.Table.Scores.Min(), max = r.Table.Scores.Max();
        double width = max > min ? (max - min) / Bins : 1.0;
        var edges = Enumerable.Range(0, Bins + 1).Select(i => min + i * width).ToArray();
        var pass = new long[Bins];
        var noPass = new long[Bins];
        for (int row = 0; row < r.Table.RowCount; row++)
        {
            int b = Math.Min(Bins - 1, (int)((r.Table.Scores[row] - min) / width));
            if (r.Table.IsPass(row)) pass[b]++;
            else noPass[b]++;
        }
        var idx = Downsample(s.Candidates.Length);
        var prIdx = Downsample(pr.Recall.Length);
        bool reachable = r.Unreachable is null;
        return new RcaPlotData(
            [.. edges], [.. pass], [.. noPass],
            [.. idx.Select(i => s.Candidates[i].Threshold)],
            [.. idx.Select(i => s.Candidates[i].Precision)],
            [.. idx.Select(i => s.Candidates[i].Recall)],
            [.. idx.Select(i => s.Candidates[i].F1)],
            [.. idx.Select(i => s.Feasible[i])],
            reachable ? r.Threshold : null,
            [.. prIdx.Select(i => pr.Recall[i])],
            [.. prIdx.Select(i => pr.Precision[i])],
            reachable ? r.AtThreshold.Recall : null,
            reachable ? r.AtThreshold.Precision : null);
    }

    /// <summary>At most <see cref="MaxPlotPoints"/> evenly spaced indices, always with the first and last.</summary>
    private static int[] Downsample(int n)
    {
        if (n <= MaxPlotPoints) return Enumerable.Range(0, n).ToArray();
        return [.. Enumerable.Range(0, MaxPlotPoints).Select(i => (int)Math.Round((double)i * (n - 1) / (MaxPlotPoints - 1))).Distinct()];
    }
}
