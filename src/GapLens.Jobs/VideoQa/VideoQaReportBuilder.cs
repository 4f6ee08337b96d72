using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Reports;
using GapLens.Core.Results;
using GapLens.Core.Statistics;
using GapLens.Core.VideoQa;
using GapLens.IO.Documents;
using GapLens.Video.Agent;
using GapLens.Video.Metrics;

namespace GapLens.Jobs.VideoQa;

/// <summary>
/// The report of a video-QA run as the report model: the headline with Wilson intervals, accuracy per
/// question type (chart with intervals), per video length, genre and video, retrieval against the
/// reference windows (hit or miss, and accuracy for each), a timeline per question of where the
/// agent looked (wrong answers first), a gallery of the wrong and unanswered questions with their
/// retrieved frames, tool use, tokens and latency, how answers were read, and the comparison with
/// another run. Every number is computed here or in <see cref="VideoQaMetricsCalculator"/>.
/// </summary>
public static class VideoQaReportBuilder
{
    public const string Kind = "videoqa.run";
    public const int MaxTimelines = 24;
    public const int MaxGalleryItems = 40;
    public const int MaxFramesPerItem = 8;
    public const int MaxFlipsShown = 200;
    private const string SimilarityColor = "#1c7ed6";
    private const string ByIdColor = "#e8590c";
    private const string WindowColor = "#2f9e44";
    private const string ToleranceColor = "#b2f2bb";
    private static readonly NumberFormat Pct = NumberFormat.Percent(1);

    /// <summary>The questions shown with frames, in report order: wrong, then unanswered, then (timelines only) correct.</summary>
    public static IReadOnlyList<VideoQaResultDocument> Ordered(VideoQaMetrics m)
    {
        ArgumentNullException.ThrowIfNull(m);
        return [.. m.Results.Where(r => r.Outcome == SampleOutcome.Wrong)
            .Concat(m.Results.Where(r => r.Outcome is not SampleOutcome.Wrong and not SampleOutcome.Correct))
            .Concat(m.Results.Where(r => r.Outcome == SampleOutcome.Correct))];
    }

    /// <summary>The gallery's questions (wrong and unanswered, wrong first).</summary>
    public static IReadOnlyList<VideoQaResultDocument> GalleryItems(VideoQaMetrics m) =>
        [.. Ordered(m).Where(r => r.Outcome != SampleOutcome.Correct).Take(MaxGalleryItems)];

    /// <summary>The distinct frames a question was shown, in the order first shown, with round and tool.</summary>
    public static IReadOnlyList<(VideoQaFrameDocument Frame, int Round, string Tool)> Frames(VideoQaResultDocument r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var seen = new HashSet<long>();
        var list = new List<(VideoQaFrameDocument, int, string)>();
        foreach (var c in r.ToolCalls.Where(c => c.Status == "success"))
        {
            foreach (var f in c.Frames)
            {
                if (seen.Add(f.Number)) list.Add((f, c.Round, c.Name));
            }
        }
        return list;
    }

    public static string ThumbKey(string key, long number) => key + "/" + number.ToString(CultureInfo.InvariantCulture);

    public static Report Build(VideoQaReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var m = input.Metrics;
        var sections = new List<ReportSection> { Headline(input) };
        if (m.Overall.Total > 0)
        {
            sections.Add(Types(m));
            sections.Add(Groups("length", "By video length", "duration", "video length", m.ByDuration,
                "Buckets of the video's length (video_info.duration_minutes, else frames / fps)."));
            if (!m.ByGenre.IsDefaultOrEmpty) sections.Add(Groups("genre", "By video genre", "genre", "genre", m.ByGenre, "The video's type as the data gives it (LVBench's \"type\")."));
            if (input.WhereItFails is { } slices) sections.Add(slices);
            sections.Add(Retrieval(m));
            sections.Add(Timelines(m));
            sections.Add(Gallery(m, input.Thumbnails));
            sections.Add(Tools(m));
            sections.Add(Cost(m));
            sections.Add(Groups("videos", "By video", "video", "video", m.ByVideo, null));
            sections.Add(Parsing(m));
        }
        if (input.Comparison is { } c) sections.Add(Compare(c, input.ComparePath!));
        var facts = ImmutableArray.Create(
            new ReportFact("results", input.ResultsPath),
            new ReportFact("questions with a result", Count(m.Overall.Total)),
            new ReportFact("model(s)", m.Models.IsEmpty ? "none" : string.Join(", ", m.Models)),
            new ReportFact("hit tolerance", Seconds(m.Retrieval.ToleranceSeconds)),
            new ReportFact("prompt template", $"{AgentPrompt.TemplateId} (sha256 {AgentPrompt.TemplateHash})"),
            new ReportFact("gaplens", input.ToolVersion));
        string title = m.Models.Length == 1 ? $"Video QA: {m.Models[0]}" : "Video QA";
        return new Report(Kind, title, string.Create(CultureInfo.InvariantCulture,
            $"{m.Overall.Total:#,0} questions on {m.ByVideo.Length:#,0} videos. Accuracy over answered is LVBench's compute_accuracy (unanswered questions left out); intervals are Wilson 95%."),
            Verdict(input), [.. sections], facts);
    }

    private static Verdict Verdict(VideoQaReportInput input)
    {
        var m = input.Metrics;
        var o = m.Overall;
        if (o.Total == 0)
        {
            return new Verdict(Tone.Bad, input.FailedItems > 0
                ? string.Create(CultureInfo.InvariantCulture, $"No question has a result: {input.FailedItems} failed (see errors.jsonl); rerun to retry them.")
                : "No question has a result yet.", []);
        }
        var points = new List<string>();
        long unanswered = o.Total - o.Answered;
        if (unanswered > 0)
        {
            points.Add(string.Create(CultureInfo.InvariantCulture, $"{unanswered:#,0} unanswered ({Pct.Format(o.Unanswered.Value)}): no option letter could be read from the final reply (none, or conflicting ones); they count as not correct in the accuracy over all."));
        }
        var rs = m.Retrieval;
        if (rs.Scored > 0)
        {
            points.Add(string.Create(CultureInfo.InvariantCulture,
                $"Retrieval hit the reference window (±{Seconds(rs.ToleranceSeconds)}) for {rs.HitRate.Successes:#,0} of {rs.Scored:#,0} questions; accuracy {Pct.Format(rs.WhenHit.OverTotal.Value)} after a hit vs {Pct.Format(rs.WhenMissed.OverTotal.Value)} after a miss. Of the questions not answered right, {rs.WrongAfterMiss:#,0} never saw the moment (retrieval failed) and {rs.WrongAfterHit:#,0} saw it (reasoning failed)."));
        }
        if (m.Tools.RoundLimitReached > 0) points.Add(string.Create(CultureInfo.InvariantCulture, $"{m.Tools.RoundLimitReached:#,0} question(s) used every round and were asked for the answer."));
        if (input.FailedItems > 0) points.Add(string.Create(CultureInfo.InvariantCulture, $"{input.FailedItems:#,0} question(s) failed (endpoint or file errors, see errors.jsonl) and have no result: they are not in any number here; rerun to retry them."));
        var tone = input.FailedItems > 0 || o.Unanswered.Value > 0.1 ? Tone.Warning : Tone.Info;
        string headline = string.Create(CultureInfo.InvariantCulture,
            $"Accuracy {Pct.Format(o.OverAnswered.Value)} {Pct.Format(o.OverAnswered.Interval)} over {o.Answered:#,0} answered questions; {Pct.Format(o.OverTotal.Value)} over all {o.Total:#,0}.");
        return new Verdict(tone, headline, [.. points]);
    }

    private static ReportSection Headline(VideoQaReportInput input)
    {
        var m = input.Metrics;
        var o = m.Overall;
        var rs = m.Retrieval;
        var metrics = new List<Metric>
        {
            Rate("accuracy_over_answered", "Accuracy (over answered)", o.OverAnswered, Direction.HigherIsBetter,
                "correct / answered: LVBench's compute_accuracy and the reference script (unanswered questions left out)", "no answered question"),
            Rate("accuracy_over_total", "Accuracy (over all)", o.OverTotal, Direction.HigherIsBetter, "correct / questions with a result: an unanswered question counts as not correct", "no result"),
            Rate("unanswered_rate", "Unanswered", o.Unanswered, Direction.LowerIsBetter, "no option letter could be read from the final reply (none or conflicting)", "no result"),
            new("questions", "Questions with a result", o.Total, NumberFormat.Count),
            new("answered", "Answered", o.Answered, NumberFormat.Count),
            new("correct", "Correct", o.Correct, NumberFormat.Count, Direction.HigherIsBetter),
            new("failed", "Failed (no result)", input.FailedItems, NumberFormat.Count, Direction.LowerIsBetter, "questions whose last attempt failed (errors.jsonl): retried by the next run, in no number here"),
        };
        if (rs.Scored > 0)
        {
            metrics.Add(Rate("retrieval_hit_rate", "Retrieval hit rate", rs.HitRate, Direction.HigherIsBetter,
                $"questions with a retrieved frame within ±{Seconds(rs.ToleranceSeconds)} of the reference window, of those that have one", "no reference window"));
            metrics.Add(Rate("accuracy_when_hit", "Accuracy after a hit", rs.WhenHit.OverTotal, Direction.HigherIsBetter, "correct / questions whose retrieval hit the window", "no hit"));
            metrics.Add(Rate("accuracy_when_missed", "Accuracy after a miss", rs.WhenMissed.OverTotal, Direction.HigherIsBetter, "correct / questions whose retrieval missed the window", "no miss"));
        }
        return new ReportSection("headline", "Headline", [new MetricsBlock([.. metrics])]);
    }

    private static ReportSection Types(VideoQaMetrics m)
    {
        var blocks = new List<Block>();
        if (m.ByType.IsEmpty)
        {
            blocks.Add(new ParagraphBlock("No question has a question_type."));
            return new ReportSection("types", "By question type", [.. blocks]);
        }
        var chart = new BarChart("accuracy_by_type", "Accuracy by question type (Wilson 95% CI)",
            "Bars: accuracy over answered (LVBench) and over all questions of the type; error bars are Wilson 95% intervals. A question counts once for each of its types.",
            [.. m.ByType.Select(g => QuestionTypes.ShortName(g.Name))],
            [
                Series("over answered", m.ByType.Select(g => g.OverAnswered), "#4c7fc0"),
                Series("over all", m.ByType.Select(g => g.OverTotal), "#adb5bd"),
            ],
            new Axis("accuracy, % (higher is better)", 0, 105), "question type");
        blocks.Add(new FigureBlock(chart));
        blocks.Add(new TableBlock(AccuracyTable("by_type", "Accuracy by question type", "question type", m.ByType, QuestionTypes.ShortName,
            "Multi-label: a question counts once for each of its types, as LVBench's compute_accuracy counts them." +
            (m.WithoutType > 0 ? string.Create(CultureInfo.InvariantCulture, $" {m.WithoutType:#,0} question(s) have no type and are in no row.") : ""))));
        return new ReportSection("types", "By question type", [.. blocks]);
    }

    private static BarSeries Series(string name, IEnumerable<Proportion> values, string color)
    {
        var list = values.ToList();
        return new BarSeries(name, [.. list.Select(p => p.Value is { } v ? (double?)(v * 100) : null)],
            [.. list.Select(p => p.Interval is { } ci ? ci with { Lower = ci.Lower * 100, Upper = ci.Upper * 100 } : null)], color);
    }

    private static ReportSection Groups(string id, string title, string tableId, string header, ImmutableArray<AccuracyGroup> groups, string? legend) =>
        new(id, title, [new TableBlock(AccuracyTable("by_" + tableId, title, header, groups, null, legend))]);

    private static Table AccuracyTable(string id, string caption, string header, IEnumerable<AccuracyGroup> groups, Func<string, string>? shortName, string? legend)
    {
        var columns = new List<TableColumn> { new("group", header) };
        columns.AddRange(
        [
            new TableColumn("questions", "questions", Numeric: true),
            new TableColumn("answered", "answered", Numeric: true),
            new TableColumn("correct", "correct", Numeric: true),
            new TableColumn("accuracy_over_answered", "accuracy over answered (95% CI)", Direction.HigherIsBetter, "correct / answered (LVBench); Wilson 95% interval", true),
            new TableColumn("accuracy_over_total", "accuracy over all (95% CI)", Direction.HigherIsBetter, "correct / questions; Wilson 95% interval", true),
            new TableColumn("unanswered", "unanswered", Direction.LowerIsBetter, "share of questions without a readable letter", true),
        ]);
        var rows = groups.Select(g =>
        {
            string shown = shortName is not null && shortName(g.Name) is { } s && s != g.Name ? $"{g.Name} ({s})" : g.Name;
            var cells = new List<Cell> { shown };
            cells.AddRange([Cell.Count(g.Total), Cell.Count(g.Answered), Cell.Count(g.Correct),
                Cell.Number(g.OverAnswered.Value, Pct, g.OverAnswered.Interval), Cell.Number(g.OverTotal.Value, Pct, g.OverTotal.Interval), Cell.Number(g.Unanswered.Value, Pct)]);
            return cells.ToImmutableArray();
        });
        return new Table(id, caption, [.. columns], [.. rows], legend);
    }

    private static ReportSection Retrieval(VideoQaMetrics m)
    {
        var rs = m.Retrieval;
        if (rs.Scored == 0)
        {
            return new ReportSection("retrieval", "Retrieval against the reference window",
                [new ParagraphBlock("No question has a readable time_reference, so retrieval is not scored.")]);
        }
        string tol = Seconds(rs.ToleranceSeconds);
        var metrics = new MetricsBlock(
        [
            new("retrieval_scored", "Questions with a reference window", rs.Scored, NumberFormat.Count),
            new("retrieval_with_frames", "... that retrieved any frame", rs.WithFrames, NumberFormat.Count),
            new("retrieval_mean_inside_share", "Frames inside the window (mean per question)", rs.MeanInsideShare, Pct, Direction.HigherIsBetter,
                "per question: distinct frames shown whose time lies inside the window / distinct frames shown; then the mean over questions that retrieved any", UndefinedReason: rs.MeanInsideShare is null ? "no frame retrieved" : null),
            new("retrieval_pooled_inside_share", "Frames inside the window (all frames)", rs.PooledInside.Value, Pct, Direction.HigherIsBetter,
                "distinct frames inside the window / distinct frames shown, over all questions together", UndefinedReason: rs.PooledInside.Value is null ? "no frame retrieved" : null),
            Rate("retrieval_hit_rate_detail", "Hit rate", rs.HitRate, Direction.HigherIsBetter, $"a retrieved frame within ±{tol} of the window; retrieving nothing is a miss", "no reference window"),
            new("retrieval_first_hit_rank", "Rank of the first hit (median)", rs.FirstHitRank.P50, NumberFormat.Fixed(1), Direction.LowerIsBetter,
                "position of the first frame in the tolerance window among the distinct frames shown, in order (1 = the very first)", UndefinedReason: rs.FirstHitRank.P50 is null ? "no hit" : null),
            new("retrieval_first_hit_round", "Round of the first hit (median)", rs.FirstHitRound.P50, NumberFormat.Fixed(1), Direction.LowerIsBetter, UndefinedReason: rs.FirstHitRound.P50 is null ? "no hit" : null),
        ]);
        var split = AccuracyTable("retrieval_split", "Accuracy by retrieval outcome", "retrieval", [rs.WhenHit, rs.WhenMissed], null,
            $"hit: a frame within ±{tol} of the reference window was retrieved. A wrong answer after a hit is a reasoning failure; after a miss, a retrieval failure.");
        var failures = new Table("failure_kind", "Why questions were not answered right", [new TableColumn("kind", "kind"), new TableColumn("questions", "questions", Numeric: true)],
        [
            [new BadgeCell("retrieval failed", Tone.Bad), Cell.Count(rs.WrongAfterMiss)],
            [new BadgeCell("reasoning failed", Tone.Warning), Cell.Count(rs.WrongAfterHit)],
        ], "Among questions with a reference window that were wrong or unanswered: did the agent ever see the moment?");
        return new ReportSection("retrieval", "Retrieval against the reference window",
        [
            new ParagraphBlock($"Each retrieved frame is placed at t = N / fps (frame_<N>.jpg) and checked against the question's time_reference window; a hit allows ±{tol}."),
            metrics, new TableBlock(split), new TableBlock(failures),
        ]);
    }

    private static ReportSection Timelines(VideoQaMetrics m)
    {
        var shown = Ordered(m).Where(r => r.ToolCalls.Any(c => c.Status == "success")).Take(MaxTimelines).ToList();
        var blocks = new List<Block>
        {
            new ParagraphBlock("Where the agent looked: one line per round, each retrieved frame at its time in the video (blue: by similarity, orange: by id; hollow: outside the tolerance window), the reference window in green. Wrong answers first."),
        };
        if (shown.Count == 0) blocks.Add(new ParagraphBlock("No question retrieved any frame."));
        int i = 0;
        foreach (var r in shown) blocks.Add(new FigureBlock(Timeline(r, ++i, m.Retrieval.ToleranceSeconds)));
        int total = m.Results.Count(r => r.ToolCalls.Any(c => c.Status == "success"));
        if (total > shown.Count) blocks.Add(new ParagraphBlock(string.Create(CultureInfo.InvariantCulture, $"Showing {shown.Count} of {total} questions that retrieved frames."), IsLegend: true));
        return new ReportSection("timelines", "Where the agent looked", [.. blocks]);
    }

    public static TimelineChart Timeline(VideoQaResultDocument r, int index, double tolerance)
    {
        ArgumentNullException.ThrowIfNull(r);
        double fps = r.Fps > 0 && double.IsFinite(r.Fps) ? r.Fps : 1;
        var frames = Frames(r);
        double length = r.DurationSeconds ?? r.TotalFrames / fps;
        if (frames.Count > 0) length = Math.Max(length, frames.Max(f => f.Frame.Number / fps));
        var window = r.ReferenceStart is { } s && r.ReferenceEnd is { } e ? new TimeWindow(s, e) : null;
        var windows = window is null ? ImmutableArray<TimelineWindow>.Empty :
        [
            new TimelineWindow(window.Start - tolerance, window.End + tolerance, $"reference ±{Seconds(tolerance)}", ToleranceColor),
            new TimelineWindow(window.Start, Math.Max(window.End, window.Start + Math.Max(0.5, length / 400)), $"reference window {r.TimeReference}", WindowColor),
        ];
        var marks = frames.Select(f =>
        {
            double t = f.Frame.Number / fps;
            bool similarity = f.Tool == AgentPrompt.BySimilarity;
            bool outside = window is not null && !window.Contains(t, tolerance);
            string series = (similarity ? "by similarity" : "by id") + (outside ? " (outside)" : "");
            return new TimelineMark(t, f.Round - 1, series, similarity ? SimilarityColor : ByIdColor, outside);
        }).ToImmutableArray();
        int lanes = Math.Max(1, r.Rounds);
        string verdict = r.Outcome switch
        {
            SampleOutcome.Correct => $"correct ({r.ExtractedAnswer})",
            SampleOutcome.Wrong => $"wrong: answered {r.ExtractedAnswer}, gold {r.Expected}",
            _ => $"unanswered, gold {r.Expected}",
        };
        string safe = string.Concat(r.ItemId.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));
        return new TimelineChart(string.Create(CultureInfo.InvariantCulture, $"timeline_{index:00}_{safe}"), $"uid {r.ItemId} · {r.Key} · {verdict}",
            "Question: " + FirstLine(r.Question), length, new Axis("time in the video"),
            [.. Enumerable.Range(1, lanes).Select(k => string.Create(CultureInfo.InvariantCulture, $"round {k}"))], windows, marks);
    }

    private static ReportSection Gallery(VideoQaMetrics m, IReadOnlyDictionary<string, (string? Path, string? Problem)> thumbs)
    {
        var picked = GalleryItems(m);
        int total = m.Results.Count(r => r.Outcome != SampleOutcome.Correct);
        if (total == 0) return new ReportSection("gallery", "Wrong and unanswered questions", [new ParagraphBlock("Every question with a result was answered right.")]);
        var items = picked.Select(r =>
        {
            var frames = Frames(r).Take(MaxFramesPerItem).ToList();
            double fps = r.Fps > 0 ? r.Fps : 1;
            var images = frames.Select(f =>
            {
                string caption = string.Create(CultureInfo.InvariantCulture, $"r{f.Round} #{f.Frame.Id} {TimeWindow.Format(f.Frame.Number / fps)}");
                return thumbs.TryGetValue(ThumbKey(r.Key, f.Frame.Number), out var t) ? new GalleryImage(caption, t.Path, t.Problem) : new GalleryImage(caption, null, "no thumbnail");
            }).ToImmutableArray();
            m.PerItemRetrieval.TryGetValue(r.ItemId, out var ir);
            string retrieval = ir is null ? "no reference window"
                : ir.Hit ? string.Create(CultureInfo.InvariantCulture, $"hit: first at rank {ir.FirstHitRank} (round {ir.FirstHitRound}); {ir.Inside} of {ir.Frames} frames inside {r.TimeReference}")
                : string.Create(CultureInfo.InvariantCulture, $"miss: none of {ir.Frames} frames within ±{Seconds(m.Retrieval.ToleranceSeconds)} of {r.TimeReference}");
            var fields = ImmutableArray.Create(
                new KeyValuePair<string, string>("question", r.Question),
                new KeyValuePair<string, string>("gold", r.Expected ?? ""),
                new KeyValuePair<string, string>("given", r.ExtractedAnswer ?? "none (" + (r.Diagnostics.FirstOrDefault(d => d.StartsWith("answer: ", StringComparison.Ordinal))?["answer: ".Length..] ?? "no letter") + ")"),
                new KeyValuePair<string, string>("types", r.QuestionTypes.IsDefaultOrEmpty ? "none" : string.Join(", ", r.QuestionTypes.Select(QuestionTypes.ShortName))),
                new KeyValuePair<string, string>("retrieval", retrieval),
                new KeyValuePair<string, string>("rounds", string.Create(CultureInfo.InvariantCulture, $"{r.Rounds}{(r.RoundLimitReached ? " (limit reached)" : "")}, {r.ToolCalls.Length} tool call(s)")),
                new KeyValuePair<string, string>("final reply", Truncate(r.RawOutput ?? "(none)", 300)));
            bool wrong = r.Outcome == SampleOutcome.Wrong;
            return new GalleryItem($"uid {r.ItemId} · {r.Key}", images, fields, wrong ? "wrong" : "unanswered", wrong ? Tone.Bad : Tone.Warning,
                frames.Count == 0 ? "no frame was retrieved" : null)
            {
                Filters =
                [
                    new("outcome", wrong ? "wrong" : "unanswered"),
                    new("retrieval", ir is null ? "n/a" : ir.Hit ? "hit" : "miss"),
                    new("video", r.Key),
                ],
            };
        }).ToImmutableArray();
        return new ReportSection("gallery", "Wrong and unanswered questions",
            [new GalleryBlock("wrong_answers", "Each with the frames it retrieved (r = round, # = frame id, then the time in the video), wrong answers first.", items, total)]);
    }

    private static ReportSection Tools(VideoQaMetrics m)
    {
        var t = m.Tools;
        var table = new Table("tool_calls", "Tool calls", [new TableColumn("tool", "tool"), new TableColumn("calls", "calls", Numeric: true), new TableColumn("errors", "answered with an error", Direction.LowerIsBetter, "calls the tool could not answer (ids out of range, too many ids, bad arguments...): the model got an error message", true)],
        [
            ["get_frames_by_similarity", Cell.Count(t.BySimilarityCalls), Cell.Count(t.BySimilarityErrors)],
            ["get_frames_by_id", Cell.Count(t.ByIdCalls), Cell.Count(t.ByIdErrors)],
            ["other (unknown tool)", Cell.Count(t.OtherCalls), Cell.Count(t.OtherCalls)],
            ["all", Cell.Count(t.Calls), Cell.Count(t.ErrorCalls)],
        ]);
        var per = new Table("per_question", "Per question", DistributionColumns("measure"),
        [
            DistributionRow("tool calls", t.CallsPerItem, NumberFormat.Fixed(2)),
            DistributionRow("rounds", t.RoundsPerItem, NumberFormat.Fixed(2)),
        ]);
        var rounds = new BarChart("rounds", "Questions by number of rounds", "Rounds = model replies that called tools; the last bar at the limit includes the questions asked to answer.",
            [.. Enumerable.Range(0, t.ItemsByRounds.Length).Select(i => i.ToString(CultureInfo.InvariantCulture))],
            [new BarSeries("questions", [.. t.ItemsByRounds.Select(n => (double?)n)], [], "#4c7fc0")], new Axis("questions"), "rounds");
        var blocks = new List<Block> { new TableBlock(table), new TableBlock(per), new FigureBlock(rounds) };
        if (t.RoundLimitReached > 0)
        {
            blocks.Add(new CalloutBlock(Tone.Warning, string.Create(CultureInfo.InvariantCulture,
                $"{t.RoundLimitReached:#,0} question(s) reached the round limit; {t.FinalCalledTools:#,0} of them still called tools when asked to answer (their tool calls were ignored).")));
        }
        return new ReportSection("tools", "Tool use and rounds", [.. blocks]);
    }

    private static ReportSection Cost(VideoQaMetrics m) => new("cost", "Tokens and latency",
    [
        new TableBlock(new Table("cost", "Per question", DistributionColumns("measure"),
        [
            DistributionRow("prompt tokens", m.PromptTokens, NumberFormat.Count),
            DistributionRow("completion tokens", m.CompletionTokens, NumberFormat.Count),
            DistributionRow("total tokens", m.TotalTokens, NumberFormat.Count),
            DistributionRow("latency, s", m.LatencySeconds, NumberFormat.Fixed(2)),
            DistributionRow("waiting for the model, s", m.ModelSeconds, NumberFormat.Fixed(2)),
        ], "Tokens as the endpoint reported them, summed over a question's calls (questions without a report are left out: n). Latency: the whole question, retrieval and retries included.")),
    ]);

    private static ImmutableArray<TableColumn> DistributionColumns(string first) =>
    [
        new(first, first), new("n", "n", Numeric: true), new("mean", "mean", Numeric: true), new("p50", "p50", Numeric: true), new("p90", "p90", Numeric: true),
        new("p95", "p95", Numeric: true), new("p99", "p99", Numeric: true), new("max", "max", Numeric: true), new("sum", "sum", Numeric: true),
    ];

    private static ImmutableArray<Cell> DistributionRow(string name, Distribution d, NumberFormat f) =>
        [name, Cell.Count(d.Count), Cell.Number(d.Mean, f), Cell.Number(d.P50, f), Cell.Number(d.P90, f), Cell.Number(d.P95, f), Cell.Number(d.P99, f), Cell.Number(d.Max, f), Cell.Number(d.Count == 0 ? null : d.Sum, f)];

    private static ReportSection Parsing(VideoQaMetrics m) => new("parsing", "How answers were read",
    [
        new TableBlock(new Table("extraction", "Answer extraction", [new TableColumn("method", "method"), new TableColumn("questions", "questions", Numeric: true)],
            [.. m.ExtractionMethods.Select(p => ImmutableArray.Create<Cell>(Cell.Mono(p.Key), Cell.Count(p.Value)))],
            "json-block: the fenced ```json {\"answer\": \"X\"}``` block; json-inline: such an object without a fence; answer-is: the last \"answer is X\"; lone-letter: a reply (or last line) that is just the letter; none: unanswered.")),
    ]);

    private static ReportSection Compare(VideoQaComparison c, string otherPath)
    {
        var metrics = new MetricsBlock(
        [
            new("compare_paired", "Questions in both runs", c.Paired, NumberFormat.Count),
            Rate("compare_this_accuracy", "Accuracy, this run", c.ThisAccuracy, Direction.HigherIsBetter, "correct / paired questions (unanswered = not correct)", "no paired question"),
            Rate("compare_other_accuracy", "Accuracy, other run", c.OtherAccuracy, Direction.HigherIsBetter, "correct / paired questions (unanswered = not correct)", "no paired question"),
            new("compare_difference", "Difference (this - other)", c.Difference, NumberFormat.Percent(1), Direction.HigherIsBetter,
                $"paired bootstrap {(c.DifferenceBootstrap?.Resamples ?? 0).ToString(CultureInfo.InvariantCulture)} resamples, seed {(c.DifferenceBootstrap?.Seed ?? 0).ToString(CultureInfo.InvariantCulture)}, percentile 95% interval",
                c.DifferenceBootstrap?.Interval, c.McNemar.PValue, c.Paired == 0 ? "no paired question" : c.DifferenceBootstrap?.UndefinedReason),
            new("compare_mcnemar_p", "McNemar exact p", c.McNemar.PValue, NumberFormat.PValue, Direction.Neutral,
                "exact binomial test on the questions only one run got right", UndefinedReason: c.McNemar.UndefinedReason),
        ]);
        var flips = new Table("flips", "Questions that flipped", [new TableColumn("uid", "uid"), new TableColumn("video", "video"), new TableColumn("types", "types"),
                new TableColumn("gold", "gold"), new TableColumn("this", "this run"), new TableColumn("other", "other run"), new TableColumn("direction", "flip")],
            [.. c.Flips.Take(MaxFlipsShown).Select(f => ImmutableArray.Create<Cell>(Cell.Mono(f.Uid), f.Key, f.Types, f.Gold, f.ThisAnswer ?? "none", f.OtherAnswer ?? "none",
                f.RightHere ? new BadgeCell("fixed here", Tone.Good) : new BadgeCell("broken here", Tone.Bad)))],
            string.Create(CultureInfo.InvariantCulture, $"{c.Flips.Count(f => f.RightHere)} right only in this run, {c.Flips.Count(f => !f.RightHere)} right only in the other. Both right: {c.BothRight:#,0}; neither: {c.BothNotRight:#,0}."),
            c.Flips.Length);
        var blocks = new List<Block> { new ParagraphBlock($"Paired by uid with {otherPath}: {c.Paired.ToString("#,0", CultureInfo.InvariantCulture)} questions in both, {c.OnlyHere.ToString("#,0", CultureInfo.InvariantCulture)} only here, {c.OnlyOther.ToString("#,0", CultureInfo.InvariantCulture)} only there (left out)."), metrics, new TableBlock(flips) };
        return new ReportSection("compare", "Compared with another run", [.. blocks]);
    }

    private static Metric Rate(string id, string label, Proportion p, Direction d, string legend, string undefined) =>
        new(id, label, p.Value, Pct, d, string.Create(CultureInfo.InvariantCulture, $"{legend} ({p.Successes:#,0} of {p.Trials:#,0})"), p.Interval, UndefinedReason: p.Value is null ? undefined : null);

    private static string Count(long n) => n.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Seconds(double s) => s.ToString("0.##", CultureInfo.InvariantCulture) + " s";

    private static string FirstLine(string s) => Truncate(s.Split('\n')[0].Trim(), 160);

    private static string Truncate(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "…";
}
