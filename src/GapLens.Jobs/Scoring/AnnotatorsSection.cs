using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Reports;
using GapLens.IO.Documents;
using GapLens.Judging.Analysis;
using GapLens.Judging.Folders;
using GapLens.Judging.Human;
using GapLens.Statistics;

namespace GapLens.Jobs.Scoring;

/// <summary>
/// The multi-annotator part of <c>analyze stats</c> (human-eval.json files written by <c>gaplens serve</c>
/// list every annotator's latest score; VMEvalKit's own files name one annotator): agreement between
/// the humans and the judge against each annotator, as a report section and as stats.json's "annotators".
/// </summary>
public static class AnnotatorsSection
{
    /// <summary>The panel of the human files, or null when none names an annotator. Unsure answers are
    /// not scores; a file without "annotations" is one answer by its annotator.</summary>
    public static HumanPanel? Compute(IReadOnlyList<ScoreRecord> human, IReadOnlyList<ScoreRecord> judge, int resamples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(human);
        ArgumentNullException.ThrowIfNull(judge);
        if (!human.Any(h => h.Annotations is not null || h.Annotator is not null)) return null;
        var judged = judge.Where(j => j.Status == ScoreStatus.Completed).GroupBy(ItemKey.Of).ToDictionary(g => g.Key, g => g.Last().Score);
        var items = human.GroupBy(ItemKey.Of).Select(g => g.Last()).Select(h =>
        {
            IReadOnlyList<(string, int)> scores = h.Annotations is { } a
                ? [.. a.Where(x => x.Score is not null).Select(x => (x.Annotator, x.Score!.Value))]
                : h.Status == ScoreStatus.Completed ? [(h.Annotator ?? HumanEvalImport.UnknownAnnotator, h.Score!.Value)] : [];
            return new PanelItem(ItemKey.Of(h).ToString(), scores, h.Status == ScoreStatus.Completed ? h.Score : null, judged.GetValueOrDefault(ItemKey.Of(h)));
        }).OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
        return HumanPanel.Compute(items, resamples, seed);
    }

    public static ReportSection Section(HumanPanel p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var f4 = NumberFormat.Fixed(4);
        var b = p.AlphaOrdinalBootstrap;
        string band(AgreementResult a) => a.Band is null ? "" : $"; Landis-Koch: {a.Band}";
        var metrics = new MetricsBlock(
        [
            new Metric("annotators", "annotators", p.Annotators, NumberFormat.Count, Direction.Neutral, "people who scored at least one item"),
            new Metric("items_two_or_more", "items scored by two or more annotators", p.ItemsWithTwoOrMore, NumberFormat.Count, Direction.Neutral, "the items the agreement between humans is measured on"),
            new Metric("human_alpha_ordinal", "Krippendorff's alpha between humans, ordinal", p.AlphaOrdinal.Value, f4, Direction.HigherIsBetter,
                string.Create(CultureInfo.InvariantCulture, $"bootstrap percentile 95% interval over items, {b.Resamples:#,0} resamples, seed {b.Seed}{band(p.AlphaOrdinal)}"),
                b.Interval, UndefinedReason: p.AlphaOrdinal.UndefinedReason),
            new Metric("human_alpha_interval", "Krippendorff's alpha between humans, interval", p.AlphaInterval.Value, f4, Direction.HigherIsBetter,
                band(p.AlphaInterval).TrimStart(';', ' ') is { Length: > 0 } l ? l : null, UndefinedReason: p.AlphaInterval.UndefinedReason),
        ]);
        var table = new Table("judge_vs_annotator", "Judge vs each annotator",
            [new TableColumn("annotator", "annotator"), new TableColumn("n", "items", Numeric: true),
             new TableColumn("quadratic_kappa", "quadratic kappa", Direction.HigherIsBetter, Numeric: true),
             new TableColumn("exact_agreement", "exact agreement", Direction.HigherIsBetter, Numeric: true),
             new TableColumn("mean_difference", "mean difference (judge - annotator)", Numeric: true)],
            [.. p.JudgeVsAnnotator.Select(a => ImmutableArray.Create<Cell>(a.Annotator, Cell.Count(a.N),
                a.QuadraticKappa.Value is { } k ? Cell.Of($"{f4.Format(k)} ({a.QuadraticKappa.Band})") : Cell.Of($"{NumberFormat.Undefined} ({a.QuadraticKappa.UndefinedReason})"),
                Cell.Number(a.ExactAgreement, f4), Cell.Number(a.MeanDifference, f4)))],
            "Each annotator's latest score on the items the judge also scored. The judge against the humans' consensus (each file's score: the lower median of its annotators' latest scores) is the agreement section above.");
        return new ReportSection("annotators", "Annotators", [metrics, new TableBlock(table)]);
    }

    public static AnnotatorsDocument Document(HumanPanel p)
    {
        ArgumentNullException.ThrowIfNull(p);
        static double? N(double? v) => v is { } x && double.IsFinite(x) ? x : null;
        static AgreementDocument Agree(AgreementResult a) => new(N(a.Value), a.Band, a.UndefinedReason);
        var b = p.AlphaOrdinalBootstrap;
        return new AnnotatorsDocument(p.Annotators, p.ItemsWithTwoOrMore, Agree(p.AlphaOrdinal),
            new BootstrapDocument(N(b.Observed), N(b.Interval?.Lower), N(b.Interval?.Upper), b.Resamples, b.Seed, b.Method.ToString(), b.UndefinedReason),
            Agree(p.AlphaInterval),
            [.. p.JudgeVsAnnotator.Select(a => new AnnotatorAgreementDocument(a.Annotator, a.N, Agree(a.QuadraticKappa), N(a.ExactAgreement), N(a.MeanDifference)))]);
    }
}
