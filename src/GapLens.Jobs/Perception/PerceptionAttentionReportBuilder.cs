using System.Collections.Immutable;
using GapLens.Core.Metrics;
using GapLens.Core.Reports;
using GapLens.Perception.Attention;
using GapLens.Perception.Scoring;
using static GapLens.Jobs.Perception.PerceptionReportParts;

namespace GapLens.Jobs.Perception;

/// <summary>
/// The report of <c>perception attention</c>: how much of the maps' attention lands on the annotated
/// objects, each metric beside what a uniform map scores on the same boxes (chance) and the lift over
/// it with its interval; per slice (layer, head, means), per task; the IoU sweep; the link with
/// correctness and the slices ranked by it; the overlay gallery. Numbers come from the analysis.
/// </summary>
internal static class PerceptionAttentionReportBuilder
{
    public const string Kind = "perception.attention";

    public static readonly ImmutableArray<LocalisationMetric> Metrics =
        [LocalisationMetric.PointingGame, LocalisationMetric.MassRatio, LocalisationMetric.RankAccuracy, LocalisationMetric.Iou, LocalisationMetric.RocAuc];

    public static string Label(LocalisationMetric m) => m switch
    {
        LocalisationMetric.PointingGame => "pointing game",
        LocalisationMetric.MassRatio => "mass ratio",
        LocalisationMetric.RankAccuracy => "rank accuracy",
        LocalisationMetric.Iou => "IoU",
        _ => "ROC-AUC",
    };

    /// <summary>The metric's machine name, as in attention.json.</summary>
    public static string Key(LocalisationMetric m) => m switch
    {
        LocalisationMetric.PointingGame => "pointing_game",
        LocalisationMetric.MassRatio => "mass_ratio",
        LocalisationMetric.RankAccuracy => "rank_accuracy",
        LocalisationMetric.Iou => "iou",
        _ => "roc_auc",
    };

    private static string Legend(LocalisationMetric m) => m switch
    {
        LocalisationMetric.PointingGame => "is the map's maximum on a box",
        LocalisationMetric.MassRatio => "share of the attention mass inside the boxes",
        LocalisationMetric.RankAccuracy => "share of the top-K cells inside the boxes, K = box area",
        LocalisationMetric.Iou => "IoU of the map thresholded at a fraction of its maximum with the boxes",
        _ => "map values as a detector of box cells; chance 0.5",
    };

    /// <summary>The slice the headline, the per-task table and the gallery use: the one whose attention
    /// best predicts correctness (as the gallery picks it), else the last (the mean over all layers).</summary>
    public static int HeadlineSlice(AttentionResult r) =>
        r.Ranking.FirstOrDefault(x => x.Link.Auroc.Value is not null)?.Slice.Index ?? r.Slices.Length - 1;

    public static Report Build(AttentionResult r, McScoreResult? scores, ImmutableArray<OverlayImage> overlays, string overlaysDir,
        string annotations, string maps, string? answers, string? videos)
    {
        ArgumentNullException.ThrowIfNull(r);
        int h = HeadlineSlice(r);
        var slice = r.Slices[h];
        var summary = r.Overall.First(s => s.Slice == h);
        var rankBy = r.Settings.RankBy;
        var sections = new List<ReportSection>
        {
            Inputs(r, scores),
            Headline(summary, slice),
            Slices(r),
            Sweep(summary, slice, r.Settings.IouFraction),
        };
        sections.Add(Correctness(r, scores is not null));
        sections.Add(Tasks(r, h, rankBy));
        sections.Add(Gallery(r, overlays, overlaysDir, videos is not null));
        var warnings = r.Diagnostics.Warnings;
        if (!warnings.IsEmpty) sections.Add(new ReportSection("warnings", "Warnings", [.. warnings.Select(w => (Block)new CalloutBlock(Tone.Warning, w))]));
        return new Report(Kind, "Perception Test: attention against the object boxes",
            Inv($"{r.Questions.Length:#,0} questions with maps, {r.Slices.Length} slice(s); relevant objects: {(r.Settings.ObjectLabels.IsEmpty ? "every tracked object" : "labels containing " + string.Join(", ", r.Settings.ObjectLabels))}; frame matching: {r.Settings.FrameMatching.ToString().ToLowerInvariant()}."),
            Verdict(r, summary, slice), [.. sections],
            Facts([("annotations", annotations), ("maps", maps), ("answers", answers), ("videos", videos)]));
    }

    private static MetricSummary Of(SliceSummary s, LocalisationMetric m) => s.Metrics.First(x => x.Metric == m);

    private static Verdict Verdict(AttentionResult r, SliceSummary summary, AttentionSlice slice)
    {
        var m = Of(summary, r.Settings.RankBy);
        var lift = m.Lift;
        var tone = lift.Ci95 is { } ci ? ci.Lower > 0 ? Tone.Good : ci.Upper < 0 ? Tone.Bad : Tone.Warning : Tone.Warning;
        string verdictWord = lift.Ci95 is { } c2 ? c2.Lower > 0 ? "above chance" : c2.Upper < 0 ? "below chance" : "not distinguishable from chance" : "undefined against chance";
        string headline = Inv($"{Label(m.Metric)} on slice {slice.Name}: {F3.Format(m.Mean.Value)} {F3.Format(m.Mean.Ci95)} against {F3.Format(m.Chance.Value)} for a uniform map, lift {F3.Format(lift.Value)} {F3.Format(lift.Ci95)} over {m.Questions:#,0} questions: {verdictWord}.");
        var points = new List<string>();
        var best = r.Ranking.FirstOrDefault(x => x.Link.Auroc.Value is not null);
        if (best is not null)
        {
            // The first of the ranking is only a predictor when its interval clears 0.5.
            string auroc = Inv($"AUROC {F3.Format(best.Link.Auroc.Value)} {F3.Format(best.Link.Auroc.Ci)} of its {Label(best.Link.Metric)} (0.5 = no link)");
            points.Add(best.Link.Auroc.Ci is { Lower: > 0.5 }
                ? Inv($"Best predictor of a correct answer: slice {best.Slice.Name}, {auroc}.")
                : Inv($"No slice's attention predicts correct answers: the highest, slice {best.Slice.Name}, has {auroc}, an interval that does not clear 0.5."));
        }
        else
        {
            points.Add("No link with correctness: " + (r.Correctness.IsEmpty ? "no answers file was given (--answers)." : "the AUROC is undefined (" + r.Correctness.First().Auroc.UndefinedReason + ")."));
        }
        var d = r.Diagnostics;
        if (d.FramesWithoutBoxes > 0) points.Add(Inv($"{d.FramesWithoutBoxes:#,0} of {d.FramesScored + d.FramesWithoutBoxes:#,0} map frames had no relevant box and were not scored."));
        if (d.MapsWithoutQuestion > 0) points.Add(Inv($"{d.MapsWithoutQuestion:#,0} map(s) belong to no question of the annotations and were left out."));
        return new Verdict(tone, headline, [.. points]);
    }

    private static ReportSection Inputs(AttentionResult r, McScoreResult? scores)
    {
        var d = r.Diagnostics;
        var metrics = new List<Metric>
        {
            Count("maps_scored", "maps scored", d.MapsScored),
            Count("maps_without_question", "maps without a question", d.MapsWithoutQuestion, "not a question of the annotations: left out"),
            Count("questions_without_map", "questions without a map", d.QuestionsWithoutMap),
            Count("frames_scored", "map frames scored", d.FramesScored),
            Count("frames_without_boxes", "map frames without a box", d.FramesWithoutBoxes, "no relevant object annotated near the frame: not scored"),
        };
        if (scores is not null) metrics.Add(Rate("top1", "top-1 accuracy (all questions)", scores.Top1, "of the answers file, for the link with correctness"));
        return new ReportSection("inputs", "Inputs", [new MetricsBlock([.. metrics])]);
    }

    private static ReportSection Headline(SliceSummary summary, AttentionSlice slice)
    {
        var rows = Metrics.Select(m => Of(summary, m)).ToList();
        var figure = new BarChart("metrics_vs_chance", Inv($"Localisation metrics on slice {slice.Name} vs a uniform map"),
            "Mean over questions with Student-t 95% intervals; grey: what a uniform map scores on the same boxes (chance for these box sizes). All higher is better.",
            [.. rows.Select(x => Label(x.Metric))],
            [
                AccuracySeries("attention", [.. rows.Select(x => x.Mean)], Blue),
                new BarSeries("uniform map (chance)", [.. rows.Select(x => x.Chance.Value)], [], Grey),
            ], new Axis("value (higher is better)", 0, 1));
        var table = new Table("metrics_vs_chance", Inv($"Slice {slice.Name}: each metric beside chance"),
        [
            new TableColumn("metric", "metric"),
            new TableColumn("questions", "questions", Numeric: true),
            new TableColumn("mean", "mean [t 95%]", Direction.HigherIsBetter, Numeric: true),
            new TableColumn("chance", "uniform map", Numeric: true),
            new TableColumn("lift", "lift over chance [t 95%]", Direction.HigherIsBetter, Numeric: true),
            new TableColumn("meaning", "what it measures"),
        ],
        [.. rows.Select(x => ImmutableArray.Create(Cell.Of(Label(x.Metric)), Cell.Count(x.Questions), ValueCell(x.Mean, F3), ValueCell(x.Chance, F3), ValueCell(x.Lift, F3), Cell.Of(Legend(x.Metric))))],
            "A lift interval above 0 means the attention finds the objects better than chance would for boxes of these sizes; the raw value alone does not say that (big boxes score high by chance).");
        return new ReportSection("metrics", "Attention vs chance", [new FigureBlock(figure), new TableBlock(table)]);
    }

    private static ReportSection Slices(AttentionResult r)
    {
        var columns = new List<TableColumn> { new("slice", "slice"), new("questions", "questions", Numeric: true) };
        columns.AddRange(Metrics.Select(m => new TableColumn(Key(m), Label(m) + " lift", Direction.HigherIsBetter, Numeric: true)));
        columns.Add(new TableColumn("best_iou_fraction", "best IoU fraction", Numeric: true));
        var table = new Table("slices", "Lift over chance per slice (metric - uniform map; t 95% intervals)", [.. columns],
        [.. r.Overall.Select(s => ImmutableArray.CreateRange(new[] { Cell.Of(r.Slices[s.Slice].Name), Cell.Count(Of(s, LocalisationMetric.MassRatio).Questions) }
            .Concat(Metrics.Select(m => ValueCell(Of(s, m).Lift, F3))).Append(Cell.Number(s.BestIouFraction, NumberFormat.Fixed(2)))))],
            "Every layer and head on its own, each layer's mean over heads and the mean over all layers.");
        var blocks = new List<Block> { new TableBlock(table) };
        var heads = r.Slices.Where(s => s.Layer is not null && s.Head is not null && s.Layer != "mean" && s.Head != "mean").ToList();
        var layers = heads.Select(s => s.Layer!).Distinct().ToList();
        var headNames = heads.Select(s => s.Head!).Distinct().ToList();
        if (layers.Count > 0 && headNames.Count > 1)
        {
            var rank = r.Settings.RankBy;
            var values = layers.Select(l => headNames.Select(hn => heads.FirstOrDefault(s => s.Layer == l && s.Head == hn) is { } s ? Of(r.Overall.First(o => o.Slice == s.Index), rank).Lift.Value : null).ToImmutableArray()).ToImmutableArray();
            var texts = values.Select(row => row.Select(v => F3.Format(v)).ToImmutableArray()).ToImmutableArray();
            double max = values.SelectMany(v => v).Select(v => Math.Abs(v ?? 0)).DefaultIfEmpty(0).Max();
            if (max <= 0) max = 1;
            blocks.Add(new FigureBlock(new HeatmapChart("lift_heatmap", Inv($"{Label(rank)} lift per layer and head"),
                "Metric minus what a uniform map scores on the same boxes; positive: the head looks at the objects more than chance.",
                [.. layers.Select(l => "layer " + l)], [.. headNames.Select(hn => "head " + hn)], values, texts, "layer", "head", "lift", -max, max)));
        }
        return new ReportSection("slices", "Per layer and head", [.. blocks]);
    }

    private static ReportSection Sweep(SliceSummary s, AttentionSlice slice, double fraction)
    {
        var points = s.IouSweep.Where(p => p.MeanIou.Value is not null).ToList();
        var figure = new LineChart("iou_sweep", Inv($"IoU against the threshold fraction (slice {slice.Name})"),
            "The map is thresholded at a fraction of its maximum and compared with the boxes; the best fraction is marked.",
            new Axis("threshold (fraction of the map's maximum)", 0, 1), new Axis("mean IoU (higher is better)", 0, null),
            [new LineSeries("mean IoU", [.. points.Select(p => p.Fraction)], [.. points.Select(p => p.MeanIou.Value!.Value)], Blue)],
            [new MarkerLine(fraction, Inv($"reported fraction {fraction:0.##}"))], [],
            s.BestIouFraction is { } b && points.FirstOrDefault(p => p.Fraction == b) is { } bp ? [new PointMark(b, bp.MeanIou.Value!.Value, Inv($"best {b:0.##}"))] : []);
        return new ReportSection("iou_sweep", "IoU sweep", points.Count == 0 ? [new ParagraphBlock("No IoU is defined (no scored frame).")] : [new FigureBlock(figure)]);
    }

    private static ReportSection Correctness(AttentionResult r, bool hasAnswers)
    {
        if (!hasAnswers)
        {
            return new ReportSection("correctness", "Does attention predict correct answers?",
                [new ParagraphBlock("Not computed: give the model's answers (--answers) to link each question's attention with whether it was answered correctly.")]);
        }
        var table = new Table("ranking", Inv($"Slices ranked by how well their {Label(r.Settings.RankBy)} predicts a correct answer"),
        [
            new TableColumn("rank", "rank", Numeric: true),
            new TableColumn("slice", "slice"),
            new TableColumn("questions", "questions", Numeric: true),
            new TableColumn("correct", "correct", Numeric: true),
            new TableColumn("auroc", "AUROC [DeLong 95%]", Direction.HigherIsBetter, Numeric: true),
            new TableColumn("r", "point-biserial r [95%]", Direction.HigherIsBetter, Numeric: true),
            new TableColumn("p", "p", Numeric: true),
        ],
        [.. r.Ranking.Select(x => ImmutableArray.Create(Cell.Count(x.Rank), Cell.Of(x.Slice.Name), Cell.Count(x.Link.Questions), Cell.Count(x.Link.Correct),
            Auroc(x.Link.Auroc), Cell.Number(x.Link.PointBiserial.R, F3, x.Link.PointBiserial.Ci), P(x.Link.PointBiserial.PValue)))],
            "AUROC of the question's metric for being answered correctly: 0.5 = no link, above = better localisation goes with right answers. " + UndefinedLegend);
        int h = HeadlineSlice(r);
        var perMetric = new Table("correctness_metrics", Inv($"Every metric of slice {r.Slices[h].Name} against correctness"),
        [
            new TableColumn("metric", "metric"), new TableColumn("questions", "questions", Numeric: true),
            new TableColumn("auroc", "AUROC [DeLong 95%]", Direction.HigherIsBetter, Numeric: true),
            new TableColumn("r", "point-biserial r [95%]", Direction.HigherIsBetter, Numeric: true), new TableColumn("p", "p", Numeric: true),
        ],
        [.. r.Correctness.Where(c => c.Slice == h).Select(c => ImmutableArray.Create(Cell.Of(Label(c.Metric)), Cell.Count(c.Questions), Auroc(c.Auroc),
            Cell.Number(c.PointBiserial.R, F3, c.PointBiserial.Ci), P(c.PointBiserial.PValue)))]);
        return new ReportSection("correctness", "Does attention predict correct answers?", [new TableBlock(table), new TableBlock(perMetric)]);
    }

    private static ReportSection Tasks(AttentionResult r, int h, LocalisationMetric rank)
    {
                var table = new Table("tasks", Inv($"Per task, slice {r.Slices[h].Name}"),
        [
            new TableColumn("task", "task"), new TableColumn("questions", "questions", Numeric: true),
            new TableColumn("mean", Label(rank), Direction.HigherIsBetter, Numeric: true),
            new TableColumn("chance", "uniform map", Numeric: true),
            new TableColumn("lift", "lift [t 95%]", Direction.HigherIsBetter, Numeric: true),
            new TableColumn("pointing", "pointing game", Direction.HigherIsBetter, Numeric: true),
            new TableColumn("auroc", "AUROC for correctness [DeLong 95%]", Direction.HigherIsBetter, Numeric: true),
        ],
        [.. r.Tasks.Select(t =>
        {
            var s = t.Slices.First(x => x.Slice == h);
            var m = Of(s, rank);
            var link = t.Correctness.FirstOrDefault(c => c.Slice == h && c.Metric == rank);
            return ImmutableArray.Create(Cell.Of($"{t.TaskId}: {t.Question}"), Cell.Count(t.Questions), Cell.Number(m.Mean.Value, F3), Cell.Number(m.Chance.Value, F3), ValueCell(m.Lift, F3),
                Cell.Number(Of(s, LocalisationMetric.PointingGame).Mean.Value, F3), link?.Auroc.Value is null ? Cell.Number(null, F3) : Cell.Number(link.Auroc.Value, F3, link.Auroc.Ci));
        })], "Means over the task's questions (intervals in attention.json). " + UndefinedLegend);
        return new ReportSection("tasks", "Per task", [new TableBlock(table)]);
    }

    private static ReportSection Gallery(AttentionResult r, ImmutableArray<OverlayImage> overlays, string dir, bool videos)
    {
        var questions = r.Questions.ToDictionary(q => (q.VideoId, q.QuestionId));
        var items = overlays.Select(o =>
        {
            var q = questions[(o.VideoId, o.QuestionId)];
            var fields = new List<KeyValuePair<string, string>>
            {
                new("question", Inv($"{o.VideoId} #{o.QuestionId}")),
                new("frame", Inv($"{o.FrameId}")),
                new("slice", r.Slices[o.Slice].Name),
                new(Label(o.Metric), Inv($"frame {F3.Format(o.FrameValue)}, question {F3.Format(o.QuestionValue)}, uniform {F3.Format(o.FrameChance)}")),
                new("answered", q.Correct switch { true => "correctly", false => "wrongly", null => "n/a" }),
            };
            return new GalleryItem(Inv($"{o.TaskId} {o.Kind.ToString().ToLowerInvariant()}"), [new GalleryImage(Inv($"{o.TaskId} {o.Kind}"), dir + "/" + o.File)], [.. fields],
                q.Correct switch { true => "correct", false => "wrong", null => null }, q.Correct == true ? Tone.Good : q.Correct == false ? Tone.Bad : Tone.Info)
            {
                Filters = [new("task", o.TaskId), new("end", o.Kind.ToString().ToLowerInvariant())],
            };
        }).ToImmutableArray();
        string caption = Inv($"Per task, the question whose attention lands most (strongest) and least (weakest) on the boxes, at its best or worst frame; the map as cells (bright = more attention), the boxes in cyan. {(videos ? "Frames from --videos." : "Blank canvas of the video's resolution (give --videos for the frames).")}");
        return new ReportSection("gallery", "Overlays", items.IsEmpty ? [new ParagraphBlock("No overlay: no question had a scored frame.")] : [new GalleryBlock("overlays", caption, items)]);
    }
}
