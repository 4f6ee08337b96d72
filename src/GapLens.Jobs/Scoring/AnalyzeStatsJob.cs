using GapLens.Core.Config;
using GapLens.IO.Files;
using GapLens.IO.Json;
using GapLens.Judging.Analysis;
using GapLens.Judging.Folders;
using GapLens.Reporting.Figures;
using GapLens.Reporting.Html;
using GapLens.Reporting.Markdown;

namespace GapLens.Jobs.Scoring;

/// <summary>
/// Judge vs human agreement (spec 02 "stats"): reads both score folders, pairs them, computes the
/// <see cref="AgreementReport"/> once and writes stats.json, stats.md and the scatter plot (PNG, SVG).
/// </summary>
public sealed class AnalyzeStatsJob : IJob<AnalyzeStatsOptions>
{
    /// <summary>Every file this job may write into its folder.</summary>
    public static readonly IReadOnlyList<string> Outputs = ["stats.json", "stats.md", "stats.html", "report.json", "scatter.png", "scatter.svg", "confusion.png", "confusion.svg", StatsReportExtras.ComparisonsTableId + ".csv"];

    public string Name => "analyze stats";

    public async Task<JobOutcome> RunAsync(AnalyzeStatsOptions o, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(ctx);
        BoundedValue.CheckAll(o.Numbers());
        ctx.Record.AddInput(ctx.Absolute(o.JudgeDir), "judge");
        ctx.Record.AddInput(ctx.Absolute(o.HumanDir), "human");
        ctx.Record.Seed = o.Seed;
        var (judge, badJ) = ScoreFiles.ReadAll(ctx.Absolute(o.JudgeDir));
        var (human, badH) = ScoreFiles.ReadAll(ctx.Absolute(o.HumanDir));
        ct.ThrowIfCancellationRequested();
        foreach (var (f, why) in badJ.Concat(badH)) ctx.Log.Warning($"Unreadable score file, counted apart: {why}");
        var pairing = Pairing.Of(judge, human, badJ.Concat(badH));
        if (pairing.Pairs.Length < 2)
        {
            throw new GapLens.Core.UserInputException($"only {pairing.Pairs.Length} items are scored by both the judge ({o.JudgeDir}) and the humans ({o.HumanDir}); at least 2 are needed");
        }
        var agreement = AgreementReport.Compute(pairing, o.PassAtOrAbove, o.Margin, o.Resamples, o.Seed);
        // Several annotators per item (gaplens serve): humans among themselves, the judge against each.
        var annotators = AnnotatorsSection.Compute(human, judge, o.Resamples, o.Seed);
        var report = StatsReportBuilder.Build(agreement, o.JudgeDir, o.HumanDir, annotators: annotators);
        var figures = FigureRenderer.RenderAll(report).ToDictionary(f => f.Id, StringComparer.Ordinal);
        ct.ThrowIfCancellationRequested();
        string outDir = ctx.Absolute(o.OutDir);
        string headline = report.Verdict!.Headline;
        var outcome = JobOutcome.Ok(Outputs.Select(n => Path.Combine(outDir, n)), headline);
        using (var outputs = OutputSet.Open(outDir, "out", Outputs, ctx.Record.InputPaths))
        {
            outputs.StageBytes("stats.json", GapLensJson.Serialize(StatsReportBuilder.Document(agreement, o.JudgeDir, o.HumanDir, annotators: annotators)));
            outputs.StageText("stats.md", MarkdownReportRenderer.Render(report, id => id + ".png"));
            outputs.StageText("stats.html", HtmlReportRenderer.Render(report, figures, new Dictionary<string, byte[]>()));
            outputs.StageBytes("report.json", ReportJson.Serialize(report));
            outputs.StageBytes("scatter.png", figures["scatter"].Png);
            outputs.StageText("scatter.svg", figures["scatter"].Svg);
            outputs.StageBytes("confusion.png", figures["confusion"].Png);
            outputs.StageText("confusion.svg", figures["confusion"].Svg);
            // Every comparison, with or without shared tasks, for scripts (the page shows the comparable pairs).
            outputs.StageText(StatsReportExtras.ComparisonsTableId + ".csv", GapLens.Reporting.Csv.CsvTableRenderer.Render(StatsReportExtras.ComparisonsTable(StatsReportExtras.Compute(agreement))));
            await ctx.Record.CommitAsync(outputs, outcome, ct).ConfigureAwait(false);
        }
        ctx.Log.Info(headline);
        return outcome;
    }
}
