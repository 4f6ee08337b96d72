using GapLens.Core.Config;
using GapLens.Core.Reports;
using GapLens.IO.Files;
using GapLens.IO.Json;
using GapLens.IO.Results;
using GapLens.Judging.Analysis;
using GapLens.Jobs.Slices;
using GapLens.Judging.Folders;
using GapLens.Reporting.Csv;
using GapLens.Reporting.Figures;
using GapLens.Reporting.Html;
using GapLens.Reporting.Markdown;

namespace GapLens.Jobs.Scoring;

/// <summary>
/// VMEvalKit's analysis/plot.py for one evaluator folder, without its flaws (skipped and failed items
/// counted apart, never as zeros; any models and domains): every chart as PNG and SVG, every table as
/// CSV, and one self-contained report.html that shows them all (index.html, the front page every
/// run gets, links it first).
/// </summary>
public sealed class AnalyzePlotJob : IJob<AnalyzePlotOptions>
{
    /// <summary>Every file this job may write into its folder.</summary>
    public static readonly IReadOnlyList<string> Outputs =
    [
        "report.html", "report.md", "report.json", SampleResultsFile.DefaultName, "model_ranking.csv", "domain_difficulty.csv", "model_domain.csv", "score_distribution.csv",
        .. new[] { "model_ranking", "domain_difficulty", "model_domain_heatmap", "score_distribution" }.SelectMany(n => new[] { n + ".png", n + ".svg" }),
        ScoreGallery.ImagesDir + "/",
        SlicesJob.DocumentName, SlicesJob.CsvName, SliceBlocks.SectionId + ".png", SliceBlocks.SectionId + ".svg", SliceBlocks.SectionId + ".csv",
    ];

    public string Name => "analyze plot";

    public async Task<JobOutcome> RunAsync(AnalyzePlotOptions o, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(ctx);
        BoundedValue.CheckAll(o.Numbers());
        string folder = ctx.Absolute(o.EvalFolder);
        ctx.Record.AddInput(folder, "eval_folder");
        string? outputsRoot = o.Outputs is null ? null : ctx.Absolute(o.Outputs);
        if (outputsRoot is not null) ctx.Record.AddInput(outputsRoot, "outputs");
        var (records, bad) = ScoreFiles.ReadAll(folder);
        ct.ThrowIfCancellationRequested();
        foreach (var (_, why) in bad) ctx.Log.Warning($"Unreadable score file, counted apart: {why}");
        if (records.Count == 0) throw new GapLens.Core.UserInputException($"no score files under {folder}");
        var summary = ScoreSummary.Of(Path.GetFileName(folder.TrimEnd('/')), records, o.PassAtOrAbove);
        string outDir = ctx.Absolute(o.OutDir);
        using (var outputs = OutputSet.Open(outDir, "out", Outputs, ctx.Record.InputPaths))
        {
            var samples = records.Select(r => ScoreSamples.Of(r, o.PassAtOrAbove)).ToList();
            // The slice search runs while the gallery's thumbnails are made (its one-off start-up cost is hidden there).
            var search = EmbeddedSlices.Start(samples, outputs.PathOf(SampleResultsFile.DefaultName), ct);
            var (gallery, images, thumbs) = await ScoreGallery.BuildAsync(records, outputsRoot, o.PassAtOrAbove, outputs, ct).ConfigureAwait(false);
            var slices = await EmbeddedSlices.AwaitAsync(search, ctx.Log).ConfigureAwait(false);
            var report = ScoreReportBuilder.Build(summary, bad.Count, gallery, SliceBlocks.Section(slices, SampleResultsFile.DefaultName, id => thumbs.GetValueOrDefault(id)));
            var figures = FigureRenderer.RenderAll(report).ToDictionary(f => f.Id, StringComparer.Ordinal);
            ct.ThrowIfCancellationRequested();
            var tables = report.Sections.SelectMany(s => s.Blocks).OfType<TableBlock>().Select(t => t.Table).ToList();
            string headline = report.Verdict!.Headline;
            var outcome = JobOutcome.Ok([Path.Combine(outDir, "index.html"), Path.Combine(outDir, "report.html"), .. figures.Keys.Select(k => Path.Combine(outDir, k + ".png")), .. tables.Select(t => Path.Combine(outDir, t.Id + ".csv"))], headline);
            foreach (var f in figures.Values)
            {
                outputs.StageBytes(f.Id + ".png", f.Png);
                outputs.StageText(f.Id + ".svg", f.Svg);
            }
            foreach (var t in tables) outputs.StageText(t.Id + ".csv", CsvTableRenderer.Render(t));
            outputs.StageText("report.html", HtmlReportRenderer.Render(report, figures, images));
            outputs.StageText("report.md", MarkdownReportRenderer.Render(report, id => id + ".png"));
            outputs.StageBytes("report.json", ReportJson.Serialize(report));
            outputs.StageBytes(SampleResultsFile.DefaultName, SampleResultsFile.ToBytes(samples));
            slices.Stage(outputs);
            await ctx.Record.CommitAsync(outputs, outcome, ct).ConfigureAwait(false);
            ctx.Log.Info(headline);
            return outcome;
        }
    }
}
