using System.Collections.Immutable;
using GapLens.Core.Reports;
using GapLens.Perception.Scoring;
using static GapLens.Jobs.Perception.PerceptionReportParts;

namespace GapLens.Jobs.Perception;

/// <summary>
/// The report of <c>perception score</c>: the headline accuracy with its interval against chance, per
/// area (derived from tags), reasoning type and tag, the tasks ranked by the upper bound of their
/// Wilson interval (the tasks the model surely fails first), option-position bias, and with a second
/// answers file the paired comparison (McNemar per area and task, Benjamini-Hochberg, flipped
/// questions). Every number comes from the scorer and comparer; this only arranges them.
/// </summary>
internal static class PerceptionScoreReportBuilder
{
    public const string Kind = "perception.score";

    /// <summary>Tasks drawn in the ranking figure (the table lists all).</summary>
    public const int FigureTasks = 30;

    /// <summary>Flipped questions listed in the report (scores/comparison.json lists all).</summary>
    public const int FlippedRows = 200;

    public static Report Build(McScoreResult s, McComparisonResult? cmp, string annotations, string answers, string? compare)
    {
        ArgumentNullException.ThrowIfNull(s);
        var sections = new List<ReportSection>
        {
            Headline(s),
            new("areas", "By area",
            [
                new FigureBlock(new BarChart("areas", "Top-1 accuracy per area", "Wilson 95% intervals; areas are derived from the tags (the starter kit's map), each counted once per question. Chance is 33.3% (3 options).",
                    [.. s.Areas.Select(a => a.Name)], [AccuracySeries("accuracy", [.. s.Areas.Select(a => a.Accuracy)], Blue)], new Axis("top-1 accuracy (higher is better)", 0, 1))),
                new TableBlock(Categories("areas", "Areas", "area", s.Areas)),
            ]),
            new("reasoning", "By reasoning type", [new TableBlock(Categories("reasoning", "Reasoning types", "reasoning", s.ReasoningTypes))]),
            new("tags", "By tag", [new TableBlock(Categories("tags", "Tags (skills)", "tag", s.Tags.Where(t => t.Answered > 0 || !t.InTaxonomy),
                "Each tag counted on its own; tags with no answered question are left out."))]),
            Tasks(s),
            Positions(s.OptionPositions),
        };
        if (cmp is not null) sections.Add(Comparison(cmp, answers, compare!));
        if (!s.Warnings.IsEmpty) sections.Add(new ReportSection("warnings", "Warnings", [.. s.Warnings.Select(w => (Block)new CalloutBlock(Tone.Warning, w))]));
        string subtitle = Inv($"{s.Questions:#,0} questions; {(s.Mode == ScoringMode.Lenient ? "lenient mode (missing answers are unanswered)" : "official mode (every question answered)")}.");
        return new Report(Kind, "Perception Test: multiple-choice scoring", subtitle, Verdict(s, cmp), [.. sections],
            Facts([("annotations", annotations), ("answers", answers), ("compared with", compare), ("mode", s.Mode.ToString().ToLowerInvariant())]));
    }

    private static Verdict Verdict(McScoreResult s, McComparisonResult? cmp)
    {
        var top = s.Top1;
        var worst = s.Tasks.FirstOrDefault();
        bool chanceInside = top.Ci95 is { } ci && ci.Lower <= Chance;
        var tone = chanceInside ? Tone.Bad : s.Unanswered > 0 ? Tone.Warning : Tone.Info;
        string headline = Inv($"Top-1 accuracy {Pct.Format(top.Value)} {Pct.Format(top.Ci95)} on {s.Answered:#,0} answered questions")
            + (chanceInside ? " (not distinguishable from chance, 33.3%)" : "")
            + (worst is null ? "." : Inv($"; surest failure: task {worst.TaskId} at {Pct.Format(worst.Accuracy.Value)} {Pct.Format(worst.Accuracy.Ci95)} over {worst.Answered} questions."));
        var points = new List<string>();
        if (s.Unanswered > 0) points.Add(Inv($"{s.Unanswered:#,0} of {s.Questions:#,0} questions unanswered; counted as wrong: {Pct.Format(s.Top1AllQuestions?.Value)}."));
        var bias = s.OptionPositions.ChoicesVsAnswers;
        if (bias.PValue is { } p && p < 0.05)
        {
            var favoured = s.OptionPositions.Positions.MaxBy(x => (x.ChosenShare ?? 0) - (x.CorrectOptionShare ?? 0))!;
            points.Add(Inv($"Option-position bias: choices differ from the correct positions (chi-square p = {NumberFormat.PValue.Format(p)}); option {favoured.Position} is chosen {Pct.Format(favoured.ChosenShare)} of the time but correct {Pct.Format(favoured.CorrectOptionShare)}."));
        }
        if (cmp is not null)
        {
            var o = cmp.Overall;
            int sig = cmp.Tasks.Count(t => t.Significant);
            points.Add(Inv($"Compared: B - A = {Signed(o.Difference)} on {cmp.Compared:#,0} questions (McNemar p = {NumberFormat.PValue.Format(o.Test.PValue)}); {cmp.Flipped.Length:#,0} flipped; {sig} task(s) differ at FDR {cmp.Alpha:0.##}."));
        }
        return new Verdict(tone, headline, [.. points]);
    }

    private static string Signed(double? d) => Pct.WithSign().Format(d);

    private static ReportSection Headline(McScoreResult s)
    {
        var metrics = new List<Metric>
        {
            Rate("top1", "top-1 accuracy", s.Top1, "correct / answered (the starter kit's calc_top1); Wilson 95% interval; chance 33.3%"),
        };
        if (s.Top1AllQuestions is { } all) metrics.Add(Rate("top1_all_questions", "top-1, unanswered counted wrong", all, "lenient mode: correct / all questions"));
        metrics.Add(Count("questions", "questions", s.Questions));
        metrics.Add(Count("answered", "answered", s.Answered));
        metrics.Add(Count("unanswered", "unanswered", s.Unanswered, "missing from the answers file (lenient mode only)"));
        metrics.Add(Count("correct", "correct", s.Correct));
        metrics.Add(Count("tasks", "tasks", s.Tasks.Length, "distinct question texts (132 in the benchmark)"));
        return new ReportSection("headline", "Headline", [new MetricsBlock([.. metrics])]);
    }

    private static ReportSection Tasks(McScoreResult s)
    {
        var shown = s.Tasks.Take(FigureTasks).ToList();
        var figure = new BarChart("tasks", "Tasks ranked by the upper bound of their interval",
            Inv($"Top-1 accuracy per task with Wilson 95% intervals, the task whose interval ends lowest first (the model surely fails it); {(s.Tasks.Length > FigureTasks ? $"first {FigureTasks} of {s.Tasks.Length}" : "all tasks")}."),
            [.. shown.Select(t => t.TaskId)], [AccuracySeries("accuracy", [.. shown.Select(t => t.Accuracy)], Orange)], new Axis("top-1 accuracy (higher is better)", 0, 1), "task");
        var table = new Table("tasks", "Tasks ranked by the upper bound of the Wilson 95% interval (lowest first)",
        [
            new TableColumn("rank", "rank", Numeric: true),
            new TableColumn("task", "task"),
            new TableColumn("question", "question"),
            new TableColumn("videos", "videos", Numeric: true),
            new TableColumn("answered", "answered", Numeric: true),
            new TableColumn("correct", "correct", Numeric: true),
            new TableColumn("accuracy", "top-1 accuracy [Wilson 95%]", Direction.HigherIsBetter, Numeric: true),
            new TableColumn("areas", "areas"),
            new TableColumn("reasoning", "reasoning"),
        ],
        [.. s.Tasks.Select(t => ImmutableArray.Create(Cell.Count(t.Rank), Cell.Mono(t.TaskId), Cell.Of(t.Question), Cell.Count(t.Videos), Cell.Count(t.Answered),
            Cell.Count(t.Correct), ValueCell(t.Accuracy, Pct), Cell.Of(string.Join(", ", t.Areas)), Cell.Of(string.Join(", ", t.ReasoningTypes))))],
            "A task is one question text asked across videos. Ranking by the interval's upper bound puts first the tasks that are surely bad, not those that look bad on two questions.");
        return new ReportSection("tasks", "Tasks", [new FigureBlock(figure), new TableBlock(table)]);
    }

    private static ReportSection Positions(OptionBias b)
    {
        var t = b.ChoicesVsAnswers;
        var figure = new BarChart("option_positions", "Option positions: chosen vs correct",
            "Share of the answered questions where the model chose each position, beside the share where the correct answer sits there. Without position bias the bars match.",
            [.. b.Positions.Select(p => $"option {p.Position}")],
            [
                new BarSeries("chosen", [.. b.Positions.Select(p => p.ChosenShare)], [], Blue),
                new BarSeries("correct option", [.. b.Positions.Select(p => p.CorrectOptionShare)], [], Grey),
            ], new Axis("share of answered questions", 0, 1));
        var table = new Table("option_positions", "Per option position",
        [
            new TableColumn("position", "position", Numeric: true),
            new TableColumn("chosen", "times chosen", Numeric: true),
            new TableColumn("chosen_share", "chosen share", Numeric: true),
            new TableColumn("correct_here", "correct option here", Numeric: true),
            new TableColumn("correct_share", "correct share", Numeric: true),
            new TableColumn("accuracy_here", "accuracy when the answer is here", Direction.HigherIsBetter, Numeric: true),
        ],
        [.. b.Positions.Select(p => ImmutableArray.Create(Cell.Count(p.Position), Cell.Count(p.TimesChosen), Cell.Number(p.ChosenShare, Pct),
            Cell.Count(p.TimesCorrectOption), Cell.Number(p.CorrectOptionShare, Pct), ValueCell(p.AccuracyWhenAnswerHere, Pct)))]);
        var test = new MetricsBlock(
        [
            new Metric("option_bias_chi2", "chi-square, chosen vs correct positions", t.Statistic, F3, Direction.LowerIsBetter,
                Inv($"scipy.stats.chisquare(chosen, correct), {t.Df ?? 2} df; a small p means the model favours some positions"), PValue: t.PValue, UndefinedReason: t.UndefinedReason),
        ]);
        return new ReportSection("option_positions", "Option-position bias", [test, new FigureBlock(figure), new TableBlock(table)]);
    }

    private static ReportSection Comparison(McComparisonResult c, string answersA, string answersB)
    {
        var o = c.Overall;
        var metrics = new MetricsBlock(
        [
            Rate("accuracy_a", "A: top-1 on compared questions", o.AccuracyA, answersA),
            Rate("accuracy_b", "B: top-1 on compared questions", o.AccuracyB, answersB),
            new Metric("difference", "difference B - A", o.Difference, Pct.WithSign(), Direction.HigherIsBetter, "positive: B is better", PValue: o.Test.PValue, UndefinedReason: o.Test.UndefinedReason),
            Count("compared", "compared (answered by both)", c.Compared),
            Count("flipped", "flipped questions", c.Flipped.Length, "right in one file, wrong in the other"),
        ]);
        var areas = new Table("compare_areas", Inv($"Per area: McNemar's exact test, Benjamini-Hochberg across areas (FDR {c.Alpha:0.##})"), Columns("area", c.Alpha), [.. c.Areas.Select(Row)]);
        var tasks = new Table("compare_tasks", Inv($"Per task: McNemar's exact test, Benjamini-Hochberg across tasks (FDR {c.Alpha:0.##}); by adjusted p"), Columns("task", c.Alpha), [.. c.Tasks.Select(Row)],
            "q is the Benjamini-Hochberg adjusted p-value: with many tasks, raw p-values below 0.05 turn up by chance. n/a: the two files never disagree there.");
        var figure = new BarChart("compare_areas", "A vs B per area", "Top-1 accuracy on the questions both files answer, Wilson 95% intervals.",
            ["all", .. c.Areas.Select(a => a.Name)],
            [
                AccuracySeries("A", [o.AccuracyA, .. c.Areas.Select(a => a.AccuracyA)], Blue),
                AccuracySeries("B", [o.AccuracyB, .. c.Areas.Select(a => a.AccuracyB)], Orange),
            ], new Axis("top-1 accuracy (higher is better)", 0, 1));
        var flipped = new Table("flipped", Inv($"Flipped questions ({c.Flipped.Length:#,0})"),
        [
            new TableColumn("video", "video"), new TableColumn("question", "question", Numeric: true), new TableColumn("task", "task"),
            new TableColumn("expected", "correct option", Numeric: true), new TableColumn("a", "A chose", Numeric: true), new TableColumn("b", "B chose", Numeric: true), new TableColumn("direction", "direction"),
        ],
        [.. c.Flipped.Take(FlippedRows).Select(f => ImmutableArray.Create(Cell.Mono(f.VideoId), Cell.Count(f.QuestionId), Cell.Mono(f.TaskId), Cell.Count(f.GroundTruth),
            Cell.Count(f.ChosenA), Cell.Count(f.ChosenB), (Cell)new BadgeCell(f.Direction == FlipDirection.Fixed ? "fixed by B" : "broken by B", f.Direction == FlipDirection.Fixed ? Tone.Good : Tone.Bad)))],
            TotalRows: c.Flipped.Length > FlippedRows ? c.Flipped.Length : null);
        var blocks = new List<Block> { metrics, new FigureBlock(figure), new TableBlock(areas), new TableBlock(tasks), new TableBlock(flipped) };
        if (c.AnsweredByOneOnly + c.AnsweredByNeither > 0)
        {
            blocks.Insert(1, new CalloutBlock(Tone.Warning, Inv($"{c.AnsweredByOneOnly:#,0} question(s) answered by one file only and {c.AnsweredByNeither:#,0} by neither are left out of the comparison.")));
        }
        return new ReportSection("compare", "Comparison: A vs B", [.. blocks]);
    }

    private static ImmutableArray<TableColumn> Columns(string first, double alpha) =>
    [
        new TableColumn("name", first),
        new TableColumn("compared", "compared", Numeric: true),
        new TableColumn("only_a", "only A right", Numeric: true),
        new TableColumn("only_b", "only B right", Numeric: true),
        new TableColumn("accuracy_a", "A [Wilson 95%]", Direction.HigherIsBetter, Numeric: true),
        new TableColumn("accuracy_b", "B [Wilson 95%]", Direction.HigherIsBetter, Numeric: true),
        new TableColumn("difference", "B - A", Direction.HigherIsBetter, Numeric: true),
        new TableColumn("p", "McNemar p", Numeric: true),
        new TableColumn("q", "BH q", Numeric: true),
        new TableColumn("significant", Inv($"at FDR {alpha:0.##}"), Legend: "a badge when BH q is below the FDR: the difference is significant after correcting for the number of areas or tasks"),
    ];

    private static ImmutableArray<Cell> Row(McNemarRow r) =>
    [
        r.Question is null ? Cell.Of(r.Name) : Cell.Of($"{r.Name}: {r.Question}"),
        Cell.Count(r.Compared), Cell.Count(r.OnlyACorrect), Cell.Count(r.OnlyBCorrect),
        ValueCell(r.AccuracyA, Pct), ValueCell(r.AccuracyB, Pct), Cell.Number(r.Difference, Pct.WithSign()),
        P(r.Test.PValue), P(r.AdjustedP),
        r.Significant ? new BadgeCell(r.Difference > 0 ? "B better" : "A better", r.Difference > 0 ? Tone.Good : Tone.Bad) : Cell.Of(""),
    ];
}
