using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Reports;
using GapLens.Slices;

namespace GapLens.Jobs.Slices;

/// <summary>
/// The report of a slice search ("Where it fails"), built once from a <see cref="SliceAnalysis"/>: the
/// verdict, the overall numbers, the slices worse than the rest for sure (by the lower bound of the
/// difference) with a chart of their failure rates and intervals, the slices whose fix buys the most (by
/// the lower bound of the expected gain), the slices better than the rest, the features (bins stated)
/// and what the outcome values counted as. Every number is computed here or in the search; renderers
/// only lay it out. <see cref="SlicesTable"/> is slices.csv.
/// </summary>
public static class SlicesReportBuilder
{
    public const string Kind = "slices";
    public const string TableId = "slices";
    public const string ChartId = "worse_for_sure";

    /// <summary>Slices shown in the chart.</summary>
    public const int ChartSlices = 12;

    private static readonly NumberFormat Rate = SliceBlocks.Rate;

    public static Report Build(SliceAnalysis a, string inputName, string toolVersion)
    {
        ArgumentNullException.ThrowIfNull(a);
        var ic = CultureInfo.InvariantCulture;
        var sections = new List<ReportSection>
        {
            new("overall", "Overall", [Overall(a), new TableBlock(Kinds(a))]),
            new("worse_for_sure", "Worse than the rest, for sure", WorseBlocks(a)),
            new("biggest_gain", "Where a fix buys the most", a.BiggestGain.IsEmpty
                ? [new ParagraphBlock("No slice is significantly worse than the rest.")]
                : [new TableBlock(Ranking("biggest_gain", "By the lower bound of the expected gain", a.BiggestGain, a)),
                   new ParagraphBlock("Expected gain: how much the overall failure rate would drop if this slice failed only as often as the rest: (slice size / N) x difference, with the difference's interval scaled the same way. Slices overlap, so gains do not add up.", IsLegend: true)]),
            new("better", "Better than the rest", a.Better.IsEmpty
                ? [new ParagraphBlock("No slice is significantly better than the rest.")]
                : [new TableBlock(Ranking("better", "By the upper bound of the difference (most surely better first)", a.Better, a))]),
            new("features", "Features", [new TableBlock(Features(a)), .. Dropped(a)]),
            new("outcome", "Outcome values", [new TableBlock(OutcomeValues(a))]),
            new("method", "Method", [new ListBlock(Method(a))]),
        };
        string subtitle = string.Create(ic, $"Input: {inputName} ({a.Rows:#,0} samples, outcome column '{a.OutcomeColumn}'). Slices of up to {a.MaxOrder} predicates with at least {a.MinSupport:#,0} samples; Benjamini-Hochberg at q <= {a.Alpha:0.###}.");
        return new Report(Kind, "Where it fails: slices worse than the rest", subtitle, SliceBlocks.Verdict(a), [.. sections],
            [new ReportFact("input", inputName), new ReportFact("tool", "gaplens " + toolVersion)]);
    }

    private static MetricsBlock Overall(SliceAnalysis a) => new(
    [
        new Metric("samples", "samples", a.Rows, NumberFormat.Count, Legend: "samples with an outcome (skipped ones and rows without an outcome are left out)"),
        new Metric("failure_rate", "failure rate", a.FailureRate, Rate, Direction.LowerIsBetter, "failures (every kind) / samples; Wilson 95% interval", a.FailureRateCi,
            UndefinedReason: a.FailureRate is null ? "no samples" : null),
        new Metric("slices_tested", "slices tested", a.Tested, NumberFormat.Count, Legend: "every slice with at least the minimum support: the Benjamini-Hochberg family"),
        new Metric("significant_worse", "worse for sure", a.SignificantWorse, NumberFormat.Count, Direction.LowerIsBetter, "slices failing more often than the rest at q <= alpha"),
        new Metric("significant_worse_kept", "ranked", a.SignificantWorseKept, NumberFormat.Count, Legend: "of those, the ones also significantly worse than each parent (one predicate fewer)"),
        new Metric("significant_better", "better for sure", a.SignificantBetter, NumberFormat.Count, Legend: "slices failing less often than the rest at q <= alpha"),
    ]);

    private static Table Kinds(SliceAnalysis a)
    {
        var rows = new List<ImmutableArray<Cell>>();
        for (int k = 0; k < a.Classes.Length; k++)
        {
            double? share = a.Rows > 0 ? a.ClassTotals[k] / (double)a.Rows : null;
            rows.Add([Cell.Of(a.Classes[k].Replace('_', ' ')), Cell.Count(a.ClassTotals[k]), Cell.Number(share, Rate)]);
        }
        return new Table("outcome_classes", "Samples per outcome", [new TableColumn("outcome", "outcome"), new TableColumn("samples", "samples", Numeric: true), new TableColumn("share", "share", Numeric: true)], [.. rows]);
    }

    private static ImmutableArray<Block> WorseBlocks(SliceAnalysis a)
    {
        var ic = CultureInfo.InvariantCulture;
        if (a.WorseForSure.IsEmpty)
        {
            var blocks = new List<Block> { new CalloutBlock(Tone.Good, string.Create(ic, $"No slice fails significantly more often than the rest (Benjamini-Hochberg over {a.Tested:#,0} slices at q <= {a.Alpha:0.###}).")) };
            if (!a.NearMisses.IsEmpty)
            {
                blocks.Add(new TableBlock(Ranking("near_misses", "Closest to significant (not beyond noise), by the lower bound of the difference", a.NearMisses, a)));
            }
            return [.. blocks];
        }
        return
        [
            new FigureBlock(SliceBlocks.Chart(ChartId, [.. a.WorseForSure.Take(ChartSlices)], "Failure rate of the worst slices and of the rest")),
            new TableBlock(Ranking("worse_for_sure", "By the lower bound of the difference to the rest (the slices surely worse first)", a.WorseForSure, a)),
            new ParagraphBlock(SliceBlocks.WorseLegend, IsLegend: true),
        ];
    }

    private static Table Ranking(string id, string caption, ImmutableArray<Slice> slices, SliceAnalysis a) => SliceBlocks.Ranking(id, caption, slices, a);

    /// <summary>slices.csv: every slice of every ranking, one row per (ranking, rank), numbers at full precision.</summary>
    public static Table SlicesTable(SliceAnalysis a)
    {
        ArgumentNullException.ThrowIfNull(a);
        var rows = new List<ImmutableArray<Cell>>();
        void Add(string ranking, ImmutableArray<Slice> slices)
        {
            for (int i = 0; i < slices.Length; i++)
            {
                var s = slices[i];
                rows.Add([Cell.Of(ranking), Cell.Count(i + 1), Cell.Of(s.Label), Cell.Count(s.Order), Cell.Count(s.Size), Cell.Count(s.Failures),
                    Cell.Number(s.FailureRate, Rate, s.FailureRateCi), Cell.Count(s.RestSize), Cell.Count(s.RestFailures), Cell.Number(s.RestFailureRate, Rate, s.RestFailureRateCi),
                    Cell.Number(s.Difference, Rate, s.DifferenceCi), Cell.Number(s.Gain, Rate, s.GainCi), Cell.Number(s.PValue, NumberFormat.PValue), Cell.Of(s.Test),
                    Cell.Number(s.QValue, NumberFormat.PValue), Cell.Of(s.Driver ?? "")]);
            }
        }
        Add("worse_for_sure", a.WorseForSure);
        Add("biggest_gain", a.BiggestGain);
        Add("better", a.Better);
        Add("near_miss", a.NearMisses);
        return new Table(TableId, "Slices of every ranking",
        [
            new("ranking", "ranking"), new("rank", "rank", Numeric: true), new("slice", "slice"), new("order", "predicates", Numeric: true),
            new("size", "samples", Numeric: true), new("failures", "failures", Numeric: true), new("failure_rate", "failure rate", Numeric: true),
            new("rest_size", "rest samples", Numeric: true), new("rest_failures", "rest failures", Numeric: true), new("rest_failure_rate", "rest failure rate", Numeric: true),
            new("difference", "difference", Numeric: true), new("gain", "expected gain", Numeric: true), new("p_value", "p", Numeric: true), new("test", "test"),
            new("q_value", "q", Numeric: true), new("driver", "driver"),
        ], [.. rows]);
    }

    private static Table Features(SliceAnalysis a) => new("features", "Features the search used",
        [new TableColumn("feature", "feature"), new TableColumn("kind", "kind"), new TableColumn("values", "values", Numeric: true),
         new TableColumn("predicates", "predicates", Legend: "values with at least the minimum support (and not every sample)", Numeric: true), new TableColumn("encoding", "how its values were made")],
        [.. a.Features.Select(f => ImmutableArray.Create<Cell>(Cell.Mono(f.Name), Cell.Of(f.Kind.ToString().ToLowerInvariant()), Cell.Count(f.Values), Cell.Count(f.Predicates), Cell.Of(f.Description)))]);

    private static IEnumerable<Block> Dropped(SliceAnalysis a)
    {
        if (a.Dropped.IsEmpty) yield break;
        yield return new TableBlock(new Table("dropped", "Columns that are not features", [new TableColumn("column", "column"), new TableColumn("reason", "why")],
            [.. a.Dropped.Select(d => ImmutableArray.Create<Cell>(Cell.Mono(d.Name), Cell.Of(d.Reason)))]));
    }

    private static Table OutcomeValues(SliceAnalysis a) => new("outcome_values", $"Values of '{a.OutcomeColumn}' and what they count as",
        [new TableColumn("value", "value"), new TableColumn("rows", "rows", Numeric: true), new TableColumn("meaning", "counts as")],
        [.. a.OutcomeValues.Select(v => ImmutableArray.Create<Cell>(Cell.Mono(v.Value), Cell.Count(v.Rows), Cell.Of(v.Meaning.Replace('_', ' '))))]);

    private static ImmutableArray<string> Method(SliceAnalysis a)
    {
        var ic = CultureInfo.InvariantCulture;
        return
        [
            string.Create(ic, $"A slice is a conjunction of up to {a.MaxOrder} predicates on distinct features (feature = value; numeric features in quantile bins; list features: the sample has the value). Every slice with at least {a.MinSupport:#,0} samples is tested, exactly (no sampling); the search only skips combinations that cannot reach the support (SliceLine's size bound)."),
            "Each slice is compared with the other samples: failure rates with Wilson 95% intervals, the difference with Newcombe's hybrid score interval, a two-sided p-value (Fisher's exact test when an expected count of the 2x2 table is below 5, else the pooled two-proportion z test).",
            string.Create(ic, $"q-values: Benjamini-Hochberg over all {a.Tested:#,0} slices tested; a slice is significant at q <= {a.Alpha:0.###}."),
            "A slice of two or more predicates is ranked only when it also fails significantly more often (p <= alpha) than the other samples of each parent slice: otherwise its parent explains it.",
            "Rankings: by the lower bound of the difference (worse for sure) and by the lower bound of the expected gain ((size / N) x difference: the drop of the overall failure rate if the slice failed as often as the rest).",
            "Failure kinds (wrong, unanswered, parse or judge failures) are kept apart: the driver of a slice is the kind whose rate rises most.",
        ];
    }
}
