using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Metrics;
using GapLens.Core.Mining.Aoi;
using GapLens.Core.Reports;
using GapLens.Core.Statistics;
using GapLens.Statistics;
using GapLens.Core.Text;

namespace GapLens.Jobs.VcnAoi;

/// <summary>
/// Builds the root-cause-analysis report of a vcn_aoi run (spec 01, seven sections) as the report
/// model: every number is computed here, from the run's results; the Markdown and HTML exporters only
/// render it. When the KPI is unreachable, sections 3-6 become one section quoting unreachable_kpi.txt
/// and section 7 a single retrain-or-relabel recommendation.
/// </summary>
public static class RcaReportBuilder
{
    public const string Kind = "vcn_aoi.rca";
    private const int Bins = 40;
    private const int MaxPlotPoints = 1500;
    private const int SpotCheckPerClass = 5;
    private const string PassColor = "#4c7fc0";
    private const string DefectColor = "#e8590c";

    /// <summary>The samples reported in sections 4 and 5 (the kept weak rows, weakest first).</summary>
    public static IReadOnlyList<RcaSample> Samples(VcnAoiJob.Result r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Unreachable is not null) return [];
        var list = new List<RcaSample>(r.Weak.Rows.Length);
        for (int i = 0; i < r.Weak.Rows.Length; i++)
        {
            int row = r.Weak.Rows[i];
            var (input, obj) = r.Paths[row];
            list.Add(new RcaSample(row, r.Table.Groups[r.Table.GroupOf(row)], input, obj, r.Table.Scores[row], r.Weak.Weakness[i], r.Table.IsMisclassified(row, r.Threshold)));
        }
        return list;
    }

    /// <summary>Section 5's samples: the 5 weakest PASS and the 5 weakest NO_PASS, with their first-lighting image path.</summary>
    public static IReadOnlyList<(RcaSample Sample, string ImagePath)> SpotCheck(VcnAoiJob.Result r, IReadOnlyList<RcaSample> samples)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(samples);
        string lighting = r.Train.Lightings[0];
        var pick = samples.Where(s => s.Label == "PASS").Take(SpotCheckPerClass)
            .Concat(samples.Where(s => s.Label != "PASS").Take(SpotCheckPerClass));
        return [.. pick.Select(s => (s, PurePosixPath.Join(r.Options.KpiMediaPath, s.InputPath, $"{s.ObjectName}_{lighting}{r.Train.ImageExt}")))];
    }

    /// <param name="r">The run.</param>
    /// <param name="samples">From <see cref="Samples"/>.</param>
    /// <param name="thumbnails">The spot-check thumbnails.</param>
    /// <param name="created">When.</param>
    /// <param name="toolVersion">gaplens' version.</param>
    /// <param name="figures">The figures from <see cref="Figures(VcnAoiJob.Result)"/> when the caller
    /// already has them (to draw them while the rest of the model is built); made here otherwise.</param>
    public static Report Build(VcnAoiJob.Result r, IReadOnlyList<RcaSample> samples, IReadOnlyList<RcaThumbnail> thumbnails, DateTimeOffset created, string toolVersion,
        IReadOnlyList<Figure>? figures = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(thumbnails);
        var selection = Selection(r);
        figures ??= [.. Figures(r, selection)];
        bool reachable = r.Unreachable is null;
        var labelRecall = reachable ? AoiAnalysis.RecallByLabel(r.Table, r.Threshold, r.Options.MinRecall) : [];
        var points = reachable ? RcaCost.Points(r.Sweep, r.Options.MinRecall) : [];
        var verdictSection = VerdictSection(r, reachable);
        var sections = new List<ReportSection>
        {
            reachable ? verdictSection with { Blocks = verdictSection.Blocks.Add(new TableBlock(RcaCost.Table(points))) } : verdictSection,
            ThresholdSection(r, selection, reachable, labelRecall, figures),
        };
        if (reachable)
        {
            sections.Add(WeaknessSection(r));
            sections.Add(TopKSection(r, samples));
            sections.Add(SpotCheckSection(r, thumbnails));
            sections.Add(new ReportSection("breakdown", "6. Per-Label Breakdown", [new CodeBlock(r.Breakdown.TrimEnd('\n'))]));
        }
        else
        {
            sections.Add(new ReportSection("unreachable", "3-6. KPI Unreachable",
            [
                new ParagraphBlock("No weak-sample analysis was done: no threshold meets the recall target. From unreachable_kpi.txt:"),
                new CodeBlock(r.Unreachable!.TrimEnd('\n')),
            ]));
        }
        sections.Add(new ReportSection("actions", "7. Recommended Actions",
            [new ListBlock(reachable ? Actions(r, labelRecall, points) : [UnreachableAction(r, selection)], Ordered: true)]));
        var verdict = reachable ? RcaCost.Verdict(r, points) : new Verdict(Tone.Bad, Headline(r, selection), []);
        return new Report(Kind, "RCA Report: Visual ChangeNet KPI gaps",
            $"Generated by gaplens {toolVersion} on {created.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC from {r.CsvPath}. " +
            "NO_PASS (any label other than PASS) is the positive class; a sample is predicted NO_PASS when siamese_score > threshold.",
            verdict, [.. sections], []);
    }

    private static ReportSection VerdictSection(VcnAoiJob.Result r, bool reachable)
    {
        var c = r.AtThreshold.Counts;
        var metrics = new List<Metric>();
        if (reachable)
        {
            metrics.Add(new Metric("threshold", r.Selection is null ? "Threshold (pinned)" : "Threshold", r.Threshold, NumberFormat.PyRepr,
                Legend: "predict NO_PASS when siamese_score > threshold"));
            var p = c.Precision();
            var rec = c.Recall();
            var f1 = c.F1();
            metrics.Add(new Metric("precision", "NO_PASS precision", p.Value, NumberFormat.Fixed(4), Direction.HigherIsBetter, "TP / (TP + FP)", p.Ci95, UndefinedReason: p.UndefinedReason));
            metrics.Add(new Metric("recall", "NO_PASS recall", rec.Value, NumberFormat.Fixed(4), Direction.HigherIsBetter, "TP / (TP + FN): the share of defects caught", rec.Ci95, UndefinedReason: rec.UndefinedReason));
            metrics.Add(new Metric("f1", "NO_PASS F1", f1.Value, NumberFormat.Fixed(4), Direction.HigherIsBetter, "harmonic mean of precision and recall", UndefinedReason: f1.UndefinedReason));
        }
        var rows = new List<ImmutableArray<Cell>>
        {
            Row("KPI: NO_PASS recall >= " + PyFloat.Repr(r.Options.MinRecall), reachable ? new BadgeCell("reachable", Tone.Good) : new BadgeCell("unreachable", Tone.Bad)),
            Row("Samples", string.Create(CultureInfo.InvariantCulture, $"{r.Sweep.Count:#,0} ({r.Sweep.Negatives:#,0} PASS, {r.Sweep.Positives:#,0} NO_PASS); {r.Weak.Rows.Length:#,0} weak samples kept")),
            Row("Labels with the most misclassified samples", TopLabels(r)),
        };
        if (reachable)
        {
            rows.Insert(0, Row("Good parts falsely rejected (FP)", string.Create(CultureInfo.InvariantCulture, $"{c.Fp:#,0} of {c.Fp + c.Tn:#,0}")));
            rows.Insert(1, Row("Defects missed (FN)", string.Create(CultureInfo.InvariantCulture, $"{c.Fn:#,0} of {c.Tp + c.Fn:#,0}")));
        }
        return new ReportSection("verdict", "1. Verdict",
        [
            new MetricsBlock([.. metrics]),
            new TableBlock(new Table("verdict", null, [new TableColumn("item", ""), new TableColumn("value", "")], [.. rows])),
        ]);
    }

    private static string TopLabels(VcnAoiJob.Result r)
    {
        var top = r.PerLabel.Where(l => l.Misclassified > 0).OrderByDescending(l => l.Misclassified).Take(3).ToList();
        return top.Count == 0 ? "none" : string.Join(", ", top.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Group} ({l.Misclassified:#,0})")));
    }

    private static ImmutableArray<Cell> Row(string label, Cell value) => [Cell.Of(label), value];

    private static ReportSection ThresholdSection(VcnAoiJob.Result r, ThresholdSelection selection, bool reachable, ImmutableArray<AoiLabelRecall> labelRecall, IReadOnlyList<Figure> figures)
    {
        double? rocAuc = Curves.RocAuc(r.Sweep);
        var blocks = new List<Block>
        {
            new ListBlock(
            [
                "Target: NO_PASS recall >= " + PyFloat.Repr(r.Options.MinRecall),
                string.Create(CultureInfo.InvariantCulture, $"Candidates evaluated: {selection.CandidateCount:#,0}; meeting the target: {selection.FeasibleCount:#,0}"),
                $"Decided by: {TieBreak(r, selection)} (ranking: F1, then precision, then the higher threshold)",
            ]),
            new MetricsBlock(
            [
                new Metric("roc_auc", "ROC AUC", rocAuc, NumberFormat.Fixed(4), Direction.HigherIsBetter, "threshold-free: how well the score ranks defects above good parts (0.5 = chance)",
                    UndefinedReason: rocAuc is null ? "needs both classes" : null),
                new Metric("average_precision", "Average precision", r.Sweep.Positives == 0 ? null : Curves.AveragePrecision(r.Sweep), NumberFormat.Fixed(4), Direction.HigherIsBetter,
                    "threshold-free: the area under the precision-recall curve", UndefinedReason: r.Sweep.Positives == 0 ? "no NO_PASS samples" : null),
            ]),
        };
        if (reachable)
        {
            var c = r.AtThreshold.Counts;
            var boot = ConfusionBootstrap.Run(c);
            blocks.Add(new TableBlock(new Table("intervals", "95% intervals at the threshold",
                [new TableColumn("metric", ""), new TableColumn("wilson", "Wilson", Numeric: true), new TableColumn("bootstrap", "Bootstrap", Numeric: true)],
                [
                    [Cell.Of("Precision"), Cell.Of(NumberFormat.Fixed(4).Format(c.Precision().Ci95)), Cell.Of(NumberFormat.Fixed(4).Format(boot.Precision))],
                    [Cell.Of("Recall"), Cell.Of(NumberFormat.Fixed(4).Format(c.Recall().Ci95)), Cell.Of(NumberFormat.Fixed(4).Format(boot.Recall))],
                ],
                string.Create(CultureInfo.InvariantCulture, $"Bootstrap: {boot.Resamples:#,0} resamples of the rows (seed {boot.Seed}), percentile intervals."))));
            if (!labelRecall.IsEmpty)
            {
                blocks.Add(new TableBlock(new Table("label_recall", "The recall target per defect label",
                    [new TableColumn("label", "Defect label"), new TableColumn("caught", "Caught", Numeric: true), new TableColumn("missed", "Missed", Direction.LowerIsBetter, Numeric: true),
                     new TableColumn("recall", "Recall", Direction.HigherIsBetter, Numeric: true), new TableColumn("meets", "Meets target")],
                    [.. labelRecall.Select(l => ImmutableArray.Create<Cell>(l.Group, Cell.Count(l.Caught), Cell.Count(l.Missed), Cell.Number(l.Recall.Value, NumberFormat.Fixed(4)),
                        l.MeetsTarget ? new BadgeCell("yes", Tone.Good) : new BadgeCell("no", Tone.Bad)))])));
            }
            blocks.Add(new TableBlock(new Table("confusion", "Confusion at the threshold",
                [new TableColumn("actual", ""), new TableColumn("pred_no_pass", "Predicted NO_PASS", Numeric: true), new TableColumn("pred_pass", "Predicted PASS", Numeric: true)],
                [
                    [Cell.Of("Actual NO_PASS"), Cell.Of(string.Create(CultureInfo.InvariantCulture, $"TP {c.Tp:#,0}")), Cell.Of(string.Create(CultureInfo.InvariantCulture, $"FN {c.Fn:#,0}"))],
                    [Cell.Of("Actual PASS"), Cell.Of(string.Create(CultureInfo.InvariantCulture, $"FP {c.Fp:#,0}")), Cell.Of(string.Create(CultureInfo.InvariantCulture, $"TN {c.Tn:#,0}"))],
                ])));
        }
        blocks.AddRange(figures.Select(f => new FigureBlock(f)));
        return new ReportSection("threshold", "2. Threshold Selection", [.. blocks]);
    }

    private static ReportSection WeaknessSection(VcnAoiJob.Result r) => new("weakness", "3. Weakness Distribution",
    [
        new ParagraphBlock("Weakness = signed distance from the threshold in the wrong direction (PASS: score - t; others: t - score). Positive = misclassified; lower is better.", IsLegend: true),
        new TableBlock(new Table("weakness", null,
            [new TableColumn("label", "Label"), new TableColumn("total", "Total", Numeric: true), new TableColumn("mean", "Mean", Direction.LowerIsBetter, Numeric: true),
             new TableColumn("median", "Median", Direction.LowerIsBetter, Numeric: true), new TableColumn("max", "Max weakness", Direction.LowerIsBetter, Numeric: true),
             new TableColumn("misclassified", "# Misclassified", Direction.LowerIsBetter, Numeric: true)],
            [.. r.PerLabel.Select(l => ImmutableArray.Create<Cell>(l.Group, Cell.Count(l.Total), Cell.Number(l.MeanWeakness, NumberFormat.Fixed(4)),
                Cell.Number(l.MedianWeakness, NumberFormat.Fixed(4)), Cell.Number(l.MaxWeakness, NumberFormat.Fixed(4)), Cell.Count(l.Misclassified)))])),
    ]);

    private static ReportSection TopKSection(VcnAoiJob.Result r, IReadOnlyList<RcaSample> samples)
    {
        var blocks = new List<Block>();
        double range = ScoreRange(r);
        foreach (var (group, _, _) in AoiAnalysis.GroupsInOrder(r.Table, r.Weak))
        {
            string name = r.Table.Groups[group];
            var seen = new HashSet<(string, string)>();
            var all = samples.Where(s => s.Label == name && seen.Add((s.InputPath, s.ObjectName))).ToList();
            var rows = all.Take(TopKShown(r)).Select((s, i) => ImmutableArray.Create<Cell>(
                Cell.Count(i + 1), Cell.Mono(s.InputPath), Cell.Mono(s.ObjectName), Cell.Number(s.Score, NumberFormat.PyRepr), Cell.Number(s.Weakness, NumberFormat.Fixed(4)),
                Badge(range, s)));
            blocks.Add(new TableBlock(new Table("topk_" + name, name,
                [new TableColumn("rank", "#", Numeric: true), new TableColumn("input_path", "input_path"), new TableColumn("object_name", "object_name"),
                 new TableColumn("score", "score", Numeric: true), new TableColumn("weakness", "weakness", Direction.LowerIsBetter, Numeric: true), new TableColumn("status", "")],
                [.. rows], RcaSampleBadge.Legend, all.Count > TopKShown(r) ? all.Count : null)));
        }
        return new ReportSection("topk", "4. Top-K Weakest Samples", [.. blocks]);
    }

    /// <summary>The highest score less the lowest, from the sweep's ends.</summary>
    private static double ScoreRange(VcnAoiJob.Result r) => r.Sweep.DistinctScores.IsEmpty ? 0 : r.Sweep.DistinctScores[^1] - r.Sweep.DistinctScores[0];

    /// <summary>Rows shown per label in section 4 (the CSV-like parquet has them all).</summary>
    private static int TopKShown(VcnAoiJob.Result r) => r.Options.TopKPerLabel ?? 50;

    private static BadgeCell Badge(double scoreRange, RcaSample s)
    {
        var (text, tone) = RcaSampleBadge.Of(s, scoreRange);
        return new BadgeCell(text, tone);
    }

    private static ReportSection SpotCheckSection(VcnAoiJob.Result r, IReadOnlyList<RcaThumbnail> thumbnails)
    {
        double range = ScoreRange(r);
        (string Text, Tone Tone) SpotBadge(RcaSample s) => RcaSampleBadge.Of(s, range);
        var items = thumbnails.Select(t => new GalleryItem(t.Sample.Label,
            [new GalleryImage(t.Sample.ObjectName, t.File, t.Problem)],
            [
                new("input_path", t.Sample.InputPath),
                new("object_name", t.Sample.ObjectName),
                new("score", PyFloat.Repr(t.Sample.Score)),
                new("weakness", NumberFormat.Fixed(4).Format(t.Sample.Weakness)),
                new("verdict", "______"),
            ],
            SpotBadge(t.Sample).Text, SpotBadge(t.Sample).Tone,
            t.File is null ? $"{t.Problem}: {t.ImagePath}" : null));
        var blocks = new List<Block>
        {
            new GalleryBlock("spotcheck", "The 5 weakest PASS and 5 weakest NO_PASS samples (first lighting), 128x128. Verdict for the reviewer: mislabeled / edge case / data quality / systematic.", [.. items]),
        };
        int missing = thumbnails.Count(t => t.File is null);
        if (missing > 0) blocks.Add(new CalloutBlock(Tone.Warning, string.Create(CultureInfo.InvariantCulture, $"{missing} image(s) not found; their paths are listed with the samples.")));
        return new ReportSection("spotcheck", "5. Visual Spot Check", [.. blocks]);
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
        if (s.Best is null) return "none: no candidate met the recall target";
        int sameF1 = s.TiedOnF1;
        if (sameF1 == 1) return "best F1 (unique among feasible candidates)";
        int samePrecision = s.TiedOnF1AndPrecision;
        return samePrecision == 1
            ? $"precision: {sameF1} candidates tied on F1, the most precise won"
            : $"threshold: {samePrecision} candidates tied on F1 and precision, the highest threshold won";
    }

    private static ImmutableArray<string> Actions(VcnAoiJob.Result r, ImmutableArray<AoiLabelRecall> labelRecall, ImmutableArray<RcaOperatingPoint> points)
    {
        var c = r.AtThreshold.Counts;
        var actions = new List<string> { RcaCost.DeployAction(r, points) };
        var wrongPass = r.PerLabel.FirstOrDefault(l => l.Group == "PASS");
        if (wrongPass is { Misclassified: > 0 })
        {
            actions.Add(string.Create(CultureInfo.InvariantCulture, $"Relabel candidates: {wrongPass.Misclassified:#,0} PASS samples score above the threshold; section 4 lists the weakest {Math.Min(wrongPass.Misclassified, TopKShown(r)):#,0}. Review them first: ") +
                "a confident defect score on a PASS label is often a mislabeled defect, otherwise a hard good part to add to training.");
        }
        var defects = r.PerLabel.Where(l => l.Group != "PASS").ToList();
        if (defects.Count > 0)
        {
            var marginal = AoiAnalysis.GroupsInOrder(r.Table, r.Weak).Where(g => r.Table.Groups[g.Group] != "PASS")
                .Select(g => $"{r.Table.Groups[g.Group]} ({g.Count} kept, {g.Count - g.Misclassified} marginal)").ToList();
            actions.Add($"Augmentation targets: the defect labels closest to the threshold, weakest first: {string.Join(", ", marginal.DefaultIfEmpty("none kept"))}. " +
                "Collect or augment more of these so the margin grows and the threshold can rise.");
        }
        if (c.Fn > 0) actions.Add(string.Create(CultureInfo.InvariantCulture, $"Missed defects: {c.Fn:#,0} NO_PASS samples score at or below the threshold; inspect them before deployment."));
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

    /// <summary>The report's figures (score histogram, threshold sweep, PR curve): they depend on the
    /// run only, so they can be drawn while the rest of the report model is built.</summary>
    /// <remarks>Reads only what is known once the threshold is (options, table, sweep, selection,
    /// threshold and the counts at it): <see cref="VcnAoiJob"/> draws the figures from a result that
    /// holds nothing else yet, beside the weak samples and statistics.</remarks>
    public static IReadOnlyList<Figure> Figures(VcnAoiJob.Result r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return [.. Figures(r, Selection(r))];
    }

    /// <summary>The swept selection; for a pinned threshold, swept for the plots only.</summary>
    private static ThresholdSelection Selection(VcnAoiJob.Result r) => r.Selection ?? ThresholdSelection.Sweep(r.Sweep, r.Options.MinRecall);

    private static IEnumerable<Figure> Figures(VcnAoiJob.Result r, ThresholdSelection s)
    {
        var scale = PlotScale(r.Table.Scores);
        // Without NO_PASS samples recall is undefined: there is no precision-recall curve to draw.
        var figures = new List<Figure> { ScoreHistogram(r, scale), ThresholdSweep(r, s, scale) };
        if (r.Sweep.Positives > 0) figures.Add(PrCurve(r));
        return figures;
    }

    private static HistogramChart ScoreHistogram(VcnAoiJob.Result r, (double Scale, string Unit) plotScale)
    {
        bool reachable = r.Unreachable is null;
        // Scores are plotted in units of `scale` (PlotScale), a power of ten that keeps every plotted
        // value and every difference of two (the bin width, an axis span) finite: finite scores near
        // +-1e308 would otherwise overflow to infinity and leave a plot with no range to draw.
        var scores = r.Table.Scores.AsSpan();
        var (scale, unit) = plotScale;
        // One pass for both, with LINQ's Min and Max rules (a NaN is the minimum, and the maximum only when all are NaN).
        double min = double.PositiveInfinity, max = double.NaN;
        foreach (double v in scores)
        {
            min = Math.Min(min, v);
            if (double.IsNaN(max) || v > max) max = v;
        }
        (min, max) = (min / scale, max / scale);
        // One distinct score: a narrow span centred on it (a span of 1 per bin put 0.3 on an axis to 40).
        double span = max > min ? max - min : 2 * HalfSpanAround(min);
        if (!(max > min)) min -= span / 2;
        double width = span / Bins;
        var edges = Enumerable.Range(0, Bins + 1).Select(i => min + i * width).ToArray();
        var (pass, noPass) = BinCounts(r.Sweep, v => Math.Clamp((int)((v / scale - min) / width), 0, Bins - 1));
        long big = Math.Max(pass.DefaultIfEmpty(0).Max(), noPass.DefaultIfEmpty(0).Max());
        long small = new[] { pass.Where(x => x > 0).DefaultIfEmpty(big).Min(), noPass.Where(x => x > 0).DefaultIfEmpty(big).Min() }.Min();
        bool log = small > 0 && big / small >= 100;
        ImmutableArray<MarkerLine> chosen = reachable ? [new MarkerLine(r.Threshold / scale, "threshold " + PyFloat.Repr(r.Threshold))] : [];
        return new HistogramChart("score_histogram", "Score distribution per class",
            "Both classes are drawn side by side within each bin; samples right of the threshold are predicted NO_PASS." + (log ? " Counts on a log scale (they differ by orders of magnitude)." : ""),
            [.. edges],
            [new HistogramSeries("PASS (good parts)", [.. pass], PassColor), new HistogramSeries("NO_PASS (defects)", [.. noPass], DefectColor)],
            new Axis("siamese_score" + unit + " (higher = more likely a defect)"), new Axis("samples", Log: log), chosen);
    }

    /// <summary>
    /// PASS and NO_PASS rows per bin, from the sweep's tie groups instead of the rows: the bin of a
    /// score never decreases as the score grows (every step of <paramref name="binOf"/> is monotone),
    /// so each bin is a run of distinct scores, found by binary search, and its counts are differences
    /// of the cumulative counts. The same counts as binning every row, in O(bins log n).
    /// </summary>
    internal static (long[] Pass, long[] NoPass) BinCounts(ScoreSweep sweep, Func<double, int> binOf)
    {
        var pass = new long[Bins];
        var noPass = new long[Bins];
        var distinct = sweep.DistinctScores;
        int start = 0;
        while (start < distinct.Length)
        {
            int b = binOf(distinct[start]);
            int lo = start + 1, hi = distinct.Length; // the first index past the run of bin b
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (binOf(sweep.DistinctScores[mid]) > b) hi = mid;
                else lo = mid + 1;
            }
            noPass[b] += sweep.PositivesAtOrBelow(lo - 1) - (start == 0 ? 0 : sweep.PositivesAtOrBelow(start - 1));
            pass[b] += sweep.NegativesAtOrBelow(lo - 1) - (start == 0 ? 0 : sweep.NegativesAtOrBelow(start - 1));
            start = lo;
        }
        return (pass, noPass);
    }

    private static LineChart ThresholdSweep(VcnAoiJob.Result r, ThresholdSelection s, (double Scale, string Unit) plotScale)
    {
        bool reachable = r.Unreachable is null;
        var (scale, unit) = plotScale;
        // Plots need a few thousand points, not one per candidate.
        var points = Downsample(s.CandidateCount).Select(s.Candidate).ToList();
        double[] x = [.. points.Select(p => p.Threshold / scale)];
        // One distinct score gives two candidates a unit in the last place apart: an axis of that width
        // labels both ends with the same number, so it gets the histogram's narrow span around them.
        var xAxis = new Axis("threshold" + unit + " (NO_PASS when score > threshold)");
        if (x.Length > 0 && !(x[^1] - x[0] > 1e-9 * Math.Max(Math.Abs(x[0]), 1.0)))
        {
            xAxis = xAxis with { Min = x[0] - HalfSpanAround(x[0]), Max = x[^1] + HalfSpanAround(x[0]) };
        }
        return new LineChart("threshold_sweep", "Precision, recall and F1 against the threshold", "NO_PASS metrics for every candidate threshold; the shaded band meets the recall target.",
            xAxis, new Axis("NO_PASS metric (higher is better)", -0.02, 1.05),
            [
                new LineSeries("precision", [.. x], [.. points.Select(p => p.Precision)], "#1971c2"),
                new LineSeries("recall", [.. x], [.. points.Select(p => p.Recall)], "#e8590c"),
                new LineSeries("F1", [.. x], [.. points.Select(p => p.F1)], "#2f9e44", 2.5),
            ],
            reachable ? [new MarkerLine(r.Threshold / scale, "chosen threshold")] : [],
            s.FeasibleSpan is { } span ? [new SpanBand(span.Low / scale, span.High / scale, "meets the recall target")] : [],
            []);
    }

    /// <summary>Half the axis span drawn around a single plotted value: 5% of its magnitude, at least 0.05.</summary>
    private static double HalfSpanAround(double value) => Math.Max(Math.Abs(value), 1.0) * 0.05;

    private static LineChart PrCurve(VcnAoiJob.Result r)
    {
        bool reachable = r.Unreachable is null;
        var pr = Downsample(r.Sweep.DistinctScores.Length + 1).Select(i => Curves.PrecisionRecallPoint(r.Sweep, i)).ToList();
        return new LineChart("pr_curve", "Precision-recall curve (NO_PASS is positive)", null,
            new Axis("NO_PASS recall", -0.02, 1.02), new Axis("NO_PASS precision", -0.02, 1.05),
            [new LineSeries("precision-recall curve", [.. pr.Select(p => p.Recall)], [.. pr.Select(p => p.Precision)], "#1971c2", 2)],
            [], [],
            reachable ? [new PointMark(r.AtThreshold.Recall, r.AtThreshold.Precision, "chosen operating point")] : []);
    }

    /// <summary>
    /// The unit scores are plotted in: 1 for ordinary scores; for scores of magnitude 1e6 or more (or
    /// below -1e6) the power of ten of the largest magnitude, named in the axis label ("x 1e+308").
    /// Then every plotted value lies in [-10, 10] and no span between two of them overflows.
    /// </summary>
    internal static (double Scale, string Unit) PlotScale(ReadOnlySpan<double> scores)
    {
        double largest = 0;
        foreach (double v in scores) largest = Math.Max(largest, Math.Abs(v));
        if (!(largest >= 1e6) || !double.IsFinite(largest)) return (1.0, "");
        int exponent = (int)Math.Floor(Math.Log10(largest));
        double scale = Math.Pow(10, exponent);
        if (largest / scale >= 10) scale *= 10; // Log10 rounding at an exact power of ten
        return (scale, " (x " + PyFloat.Repr(scale) + ")");
    }

    /// <summary>At most <see cref="MaxPlotPoints"/> evenly spaced indices, always with the first and last.</summary>
    private static int[] Downsample(int n)
    {
        if (n <= MaxPlotPoints) return Enumerable.Range(0, n).ToArray();
        return [.. Enumerable.Range(0, MaxPlotPoints).Select(i => (int)Math.Round((double)i * (n - 1) / (MaxPlotPoints - 1))).Distinct()];
    }
}
