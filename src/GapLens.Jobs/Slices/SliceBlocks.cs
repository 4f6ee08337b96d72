using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Reports;
using GapLens.Slices;

namespace GapLens.Jobs.Slices;

/// <summary>
/// The one builder of what a slice search shows: the verdict, the chart of the worst slices' failure
/// rates against the rest's (Wilson 95% intervals), the ranking tables, and the "Where it fails"
/// section the judge, video-QA and Perception Test reports embed (<see cref="Section"/>). The
/// <c>gaplens slices</c> report (<see cref="SlicesReportBuilder"/>) is built from the same pieces, so
/// the two cannot drift.
/// </summary>
public static class SliceBlocks
{
    /// <summary>The id of the embedded section (its anchor), of its chart and of its table.</summary>
    public const string SectionId = "where_it_fails";

    public const string SectionTitle = "Where it fails";

    /// <summary>Slices in the embedded section's chart and table.</summary>
    public const int SectionSlices = 5;

    /// <summary>Thumbnails of failing items per slice in the embedded section.</summary>
    public const int ThumbnailsPerSlice = 4;

    public static readonly NumberFormat Rate = NumberFormat.Percent(1);

    /// <summary>The verdict: the worst slice for sure, or that none passed the correction.</summary>
    public static Verdict Verdict(SliceAnalysis a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var ic = CultureInfo.InvariantCulture;
        string tested = string.Create(ic, $"{a.Tested:#,0} slice{(a.Tested == 1 ? "" : "s")} tested");
        if (a.WorseForSure.IsEmpty)
        {
            var points = new List<string> { string.Create(ic, $"{tested}; none fails significantly more often than the rest at q <= {a.Alpha:0.###} (Benjamini-Hochberg).") };
            if (a.NearMisses.FirstOrDefault() is { } near)
            {
                points.Add(string.Create(ic, $"Closest: {near.Label}, {Rate.Format(near.FailureRate)} vs {Rate.Format(near.RestFailureRate)} on {near.Size:#,0} samples (q {NumberFormat.PValue.Format(near.QValue)}): not beyond noise."));
            }
            // Info, not Good: finding nothing beyond noise is an absence of evidence (few samples or few
            // testable slices make it likely), not a sign that the model is fine.
            return new Verdict(Tone.Info, string.Create(ic, $"No slice fails beyond noise: overall failure rate {Rate.Format(a.FailureRate)} {Rate.Format(a.FailureRateCi)} over {a.Rows:#,0} samples."), [.. points]);
        }
        var w = a.WorseForSure[0];
        var list = new List<string>
        {
            string.Create(ic, $"{tested}; {a.SignificantWorse:#,0} fail more often than the rest at q <= {a.Alpha:0.###}, {a.SignificantWorseKept:#,0} of them also more often than each parent slice (the ones ranked)."),
        };
        if (a.BiggestGain.FirstOrDefault() is { } g)
        {
            list.Add(string.Create(ic, $"Biggest expected gain: {g.Label}: the overall failure rate would drop by {Rate.Format(g.Gain)} {Rate.Format(g.GainCi)} if it failed only as often as the rest."));
        }
        if (w.Driver is { } d && w.Kinds.FirstOrDefault(k => k.Kind == d) is { } kind)
        {
            list.Add(string.Create(ic, $"In {w.Label}, the failure kind that rises most is {d.Replace('_', ' ')}: {Rate.Format(kind.Rate)} vs {Rate.Format(kind.RestRate)} in the rest."));
        }
        return new Verdict(Tone.Bad, string.Create(ic,
            $"Worst for sure: {w.Label}: {Rate.Format(w.FailureRate)} {Rate.Format(w.FailureRateCi)} of {w.Size:#,0} samples fail vs {Rate.Format(w.RestFailureRate)} of the rest (difference {Rate.Format(w.Difference)} {Rate.Format(w.DifferenceCi)}, q {NumberFormat.PValue.Format(w.QValue)})."),
            [.. list]);
    }

    /// <summary>Bars: each slice's failure rate (red) and the other samples' (grey), with Wilson 95% intervals.
    /// Each bar pair is labelled with its rank (#N, as in the table) and as much of the slice as fits
    /// under it: a category of the chart is about 700 / N pixels wide (7 pixels a character), so long
    /// labels of neighbouring slices never run into each other.</summary>
    public static BarChart Chart(string id, IReadOnlyList<Slice> slices, string title)
    {
        ArgumentNullException.ThrowIfNull(slices);
        int n = Math.Max(1, slices.Count);
        int fits = Math.Clamp((int)((Math.Max(800, 120 + n * 90) - 110) / (double)n / 7.0) - 1, 6, 44);
        return new(id, title,
        "Bars: failure rate of the slice (red) and of the other samples (grey), with Wilson 95% intervals; #N is the slice's rank in the table.",
        [.. slices.Select((s, i) => Short(string.Create(CultureInfo.InvariantCulture, $"#{i + 1} {s.Label}"), fits))],
        [new BarSeries("slice", [.. slices.Select(s => (double?)s.FailureRate)], [.. slices.Select(s => s.FailureRateCi)], "#c0392b"),
         new BarSeries("rest", [.. slices.Select(s => (double?)s.RestFailureRate)], [.. slices.Select(s => s.RestFailureRateCi)], "#95a5a6")],
        new Axis("failure rate (lower is better)", 0, 1));
    }

    /// <summary>The legend under a ranking of worse slices.</summary>
    public const string WorseLegend = "Difference: failure rate of the slice minus that of the other samples, Newcombe's 95% interval (for that slice alone, not corrected for the number of slices tested, so an interval clear of 0 can still have q above alpha; q is the corrected figure). p: Fisher's exact test when an expected count of the 2x2 table is below 5, else the two-proportion z test; q: Benjamini-Hochberg over every slice tested. A slice of two predicates is shown only when it also fails significantly more often than the other samples of each parent. Driver: the failure kind whose rate rises most in the slice.";

    /// <summary>A ranking with every number (the <c>gaplens slices</c> report).</summary>
    public static Table Ranking(string id, string caption, ImmutableArray<Slice> slices, SliceAnalysis a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(id, caption,
        [
            new("rank", "#", Numeric: true),
            new("slice", "slice"),
            new("size", "samples", Numeric: true),
            new("failures", "failures", Numeric: true),
            RateColumn(),
            new("rest_failure_rate", "rest", Direction.LowerIsBetter, "failure rate of the other samples, Wilson 95% interval", Numeric: true),
            DifferenceColumn(),
            new("gain", "expected gain", Legend: "drop of the overall failure rate if the slice failed as often as the rest", Numeric: true),
            new("p_value", "p", Legend: "two-sided; test in the next column", Numeric: true),
            new("test", "test"),
            QColumn(),
            DriverColumn(),
            new("kinds", "failure kinds", Legend: "per kind: rate in the slice - rate in the rest"),
        ],
        [.. slices.Select((s, i) => ImmutableArray.Create(
            Cell.Count(i + 1), Cell.Of(s.Label), Cell.Count(s.Size), Cell.Count(s.Failures),
            Cell.Number(s.FailureRate, Rate, s.FailureRateCi), Cell.Number(s.RestFailureRate, Rate, s.RestFailureRateCi),
            Cell.Number(s.Difference, Rate, s.DifferenceCi), Cell.Number(s.Gain, Rate, s.GainCi),
            Cell.Number(s.PValue, NumberFormat.PValue), Cell.Of(s.Test), Cell.Number(s.QValue, NumberFormat.PValue),
            Driver(s), Cell.Of(string.Join("; ", s.Kinds.Select(k => $"{k.Kind.Replace('_', ' ')} {Signed(k.Difference)}")))))],
        Footer(a));
    }

    /// <summary>The short ranking of the embedded section: slice, size, failure rate, difference, q, driver.</summary>
    public static Table ShortRanking(string id, string caption, IReadOnlyList<Slice> slices, SliceAnalysis a, bool significant)
    {
        ArgumentNullException.ThrowIfNull(slices);
        ArgumentNullException.ThrowIfNull(a);
        var columns = new List<TableColumn>
        {
            new("rank", "#", Numeric: true), new("slice", "slice"), new("size", "samples", Numeric: true),
            RateColumn(), DifferenceColumn(), QColumn(), DriverColumn(),
        };
        if (!significant) columns.Add(new("significant", "beyond noise?"));
        return new Table(id, caption, [.. columns],
            [.. slices.Select((s, i) => ImmutableArray.CreateRange(new Cell[]
            {
                Cell.Count(i + 1), Cell.Of(s.Label), Cell.Count(s.Size),
                Cell.Number(s.FailureRate, Rate, s.FailureRateCi), Cell.Number(s.Difference, Rate, s.DifferenceCi),
                Cell.Number(s.QValue, NumberFormat.PValue), Driver(s),
            }.Concat(significant ? [] : [new BadgeCell("not significant", Tone.Info)])))],
            Footer(a), a.WorseForSure.Length > slices.Count && significant ? a.WorseForSure.Length : null);
    }

    /// <summary>
    /// The "Where it fails" section of a scoring report: the verdict line, the chart of the top slices
    /// against the rest, the short ranking, up to <see cref="ThumbnailsPerSlice"/> thumbnails of failing
    /// items per top slice (when <paramref name="thumbnail"/> gives images: item id to image, or null),
    /// and how to run <c>gaplens slices</c> for the full analysis. When nothing could be tested, one line
    /// says why.
    /// </summary>
    /// <param name="s">The search the job ran on its samples.</param>
    /// <param name="samplesFile">The samples.jsonl as the reader should name it (relative to the report).</param>
    /// <param name="thumbnail">An item's thumbnail (already written by the report), or null: none.</param>
    public static ReportSection Section(EmbeddedSlices s, string samplesFile, Func<string, GalleryImage?>? thumbnail = null)
    {
        ArgumentNullException.ThrowIfNull(s);
        string pointer = $"Full analysis (every ranking, the expected gains, the features and their bins, the method): gaplens slices --results {samplesFile}. slices.json and slices.csv beside this report hold every ranked slice.";
        if (s.Analysis is not { } a || s.Table is not { } table)
        {
            return new ReportSection(SectionId, SectionTitle, [new CalloutBlock(Tone.Info, "No slice tested: " + s.NotTested)]);
        }
        var verdict = Verdict(a);
        bool significant = !a.WorseForSure.IsEmpty;
        // Without a finding, the headline alone hides how little could be tested: say it in the same line.
        string headline = significant ? verdict.Headline : verdict.Headline + " " + verdict.Points[0];
        var blocks = new List<Block> { new CalloutBlock(verdict.Tone, headline) };
        var top = (significant ? a.WorseForSure : a.NearMisses).Take(SectionSlices).ToList();
        var ic = CultureInfo.InvariantCulture;
        if (top.Count > 0)
        {
            // As in the slices report, near misses get a table, not a chart that would look like a finding.
            if (significant) blocks.Add(new FigureBlock(Chart(SectionId, top, "Failure rate of the worst slices and of the rest")));
            string caption = significant
                ? string.Create(ic, $"Slices worse than the rest for sure (q <= {a.Alpha:0.###}), by the lower bound of the difference")
                : "Closest to significant, by the lower bound of the difference: not beyond noise";
            blocks.Add(new TableBlock(ShortRanking(SectionId, caption, top, a, significant)));
            blocks.Add(new ParagraphBlock(WorseLegend, IsLegend: true));
            if (thumbnail is not null && table.HasItemIds) blocks.AddRange(Examples(table, top, thumbnail));
        }
        blocks.Add(new ParagraphBlock(pointer));
        return new ReportSection(SectionId, SectionTitle, [.. blocks]);
    }

    /// <summary>The failing items of a slice (id and failure kind), in sample order (at most <paramref name="max"/>).</summary>
    public static IEnumerable<(string Id, string Kind)> FailingItems(FeatureTable table, Slice slice, int max = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(slice);
        int n = 0;
        for (int row = 0; row < table.RowCount && n < max; row++)
        {
            int outcome = table.OutcomeAt(row);
            if (outcome == 0 || !slice.Predicates.All(p => table.Features[p.Feature].Holds(row, p.Value))) continue;
            if (table.ItemIdAt(row) is not { Length: > 0 } id) continue;
            n++;
            yield return (id, table.OutcomeClasses[outcome]);
        }
    }

    /// <summary>The slices the embedded section shows (the worst for sure, else the near misses).</summary>
    public static IReadOnlyList<Slice> Shown(SliceAnalysis a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return [.. (a.WorseForSure.IsEmpty ? a.NearMisses : a.WorseForSure).Take(SectionSlices)];
    }

    /// <summary>Per slice with images, a row of up to <see cref="ThumbnailsPerSlice"/> failing items (the first ones that have a thumbnail).</summary>
    private static IEnumerable<GalleryBlock> Examples(FeatureTable table, IReadOnlyList<Slice> slices, Func<string, GalleryImage?> thumbnail)
    {
        var ic = CultureInfo.InvariantCulture;
        for (int i = 0; i < slices.Count; i++)
        {
            var s = slices[i];
            var items = FailingItems(table, s)
                .Select(x => thumbnail(x.Id) is { } g ? new GalleryItem(x.Id, [g with { Caption = x.Id }], [], x.Kind.Replace('_', ' '), Tone.Bad) : null)
                .OfType<GalleryItem>().Take(ThumbnailsPerSlice).ToList();
            if (items.Count == 0) continue;
            yield return new GalleryBlock(string.Create(ic, $"{SectionId}_{i + 1}"),
                string.Create(ic, $"#{i + 1} {s.Label}: {s.Failures:#,0} of {s.Size:#,0} fail ({Rate.Format(s.FailureRate)}); {(items.Count < s.Failures ? $"{items.Count} of them" : "all")}:"),
                [.. items]);
        }
    }

    private static TableColumn RateColumn() => new("failure_rate", "failure rate", Direction.LowerIsBetter, "Wilson 95% interval", Numeric: true);

    private static TableColumn DifferenceColumn() => new("difference", "difference", Direction.LowerIsBetter, "slice - rest, Newcombe 95% interval (not corrected for the number of slices; q is)", Numeric: true);

    private static TableColumn QColumn() => new("q_value", "q", Legend: "Benjamini-Hochberg over every slice tested", Numeric: true);

    private static TableColumn DriverColumn() => new("driver", "driver", Legend: "the failure kind whose rate rises most in the slice");

    private static Cell Driver(Slice s) => Cell.Of(s.Driver?.Replace('_', ' ') ?? "");

    private static string Footer(SliceAnalysis a) =>
        string.Create(CultureInfo.InvariantCulture, $"Overall failure rate {Rate.Format(a.FailureRate)}; {a.Tested:#,0} slices tested.");

    private static string Signed(double d) => (d > 0 ? "+" : "") + Rate.Format(d);

    private static string Short(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
