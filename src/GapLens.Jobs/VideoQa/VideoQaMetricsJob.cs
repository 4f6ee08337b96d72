using System.Collections.Immutable;
using GapLens.Core;
using GapLens.Core.Reports;
using GapLens.Core.Results;
using GapLens.Core.Text;
using GapLens.IO.Files;
using GapLens.IO.Json;
using GapLens.IO.Results;
using GapLens.IO.Documents;
using GapLens.IO.VideoQa;
using GapLens.Jobs.Slices;
using GapLens.Reporting.Csv;
using GapLens.Reporting.Figures;
using GapLens.Reporting.Html;
using GapLens.Reporting.Images;
using GapLens.Reporting.Markdown;
using GapLens.Video.Frames;
using GapLens.Video.Metrics;

namespace GapLens.Jobs.VideoQa;

/// <summary>
/// <c>gaplens videoqa metrics</c>: recomputes every metric of a video-QA run from its results.jsonl
/// alone (errors.jsonl beside it counts the questions that failed) and writes the report folder:
/// report.html (self-contained), report.md, report.json, figures/ (PNG and SVG), thumbs/ (the frames
/// of the wrong answers), tables/*.csv and samples.jsonl (the per-sample results), all or nothing with
/// its run record. With --compare, pairs the run with another by uid.
/// </summary>
public sealed class VideoQaMetricsJob : IJob<VideoQaMetricsOptions>
{
    public const string ReportDirName = "report";
    public const string HtmlName = "report.html";
    public const string MarkdownName = "report.md";
    public const string JsonName = "report.json";
    /// <summary>Longest side of a gallery thumbnail: two fit side by side in a gallery card.</summary>
    public const int ThumbnailSide = 92;

    public static readonly IReadOnlyList<string> Outputs = [HtmlName, MarkdownName, JsonName, SampleResultsFile.DefaultName, SlicesJob.DocumentName, SlicesJob.CsvName, "figures/", "thumbs/", "tables/"];

    public string Name => "videoqa metrics";

    /// <summary>
    /// The results in the natural order of their uids ("q2" before "q10"), not in the file's: with
    /// --concurrency above 1 results.jsonl is written in completion order, and the report (tables,
    /// samples.jsonl, which question each timeline shows) must be the same whichever call finished first.
    /// </summary>
    private static (ImmutableArray<VideoQaResultDocument> Results, ImmutableArray<string> Warnings) ReadInIdOrder(string path)
    {
        var (results, warnings) = VideoQaResultsFile.ReadResults(path);
        return ([.. results.OrderBy(r => r.ItemId, NaturalOrder.Instance)], warnings);
    }

    public async Task<JobOutcome> RunAsync(VideoQaMetricsOptions options, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        options.Validate();
        var (resultsPath, errorsPath) = Locate(ctx.Absolute(options.Results), "--results");
        string outDir = options.OutDir is { } o ? ctx.Absolute(o) : Path.Combine(Path.GetDirectoryName(resultsPath)!, ReportDirName);
        ctx.Record.AddInput(resultsPath, "results");
        if (File.Exists(errorsPath)) ctx.Record.AddInput(errorsPath, "errors");
        var (results, warnings) = ReadInIdOrder(resultsPath);
        foreach (string w in warnings) ctx.Log.Warning(w);
        var (errors, errorWarnings) = VideoQaResultsFile.ReadErrors(errorsPath);
        foreach (string w in errorWarnings) ctx.Log.Warning(w);
        var answeredUids = results.Select(r => r.ItemId).ToHashSet(StringComparer.Ordinal);
        int failed = errors.Select(e => e.ItemId).Where(u => !answeredUids.Contains(u)).Distinct(StringComparer.Ordinal).Count();
        var samples = results.Select(r =>
            new SampleResult(r.ItemId, r.Outcome, r.RawOutput, r.ExtractedAnswer, r.ExtractionMethod, r.Expected, r.Score) { Metadata = r.Metadata, Diagnostics = r.Diagnostics }).ToList();
        // The slice search runs while the metrics, the comparison and the gallery's thumbnails are computed.
        var search = EmbeddedSlices.Start(samples, Path.Combine(outDir, SampleResultsFile.DefaultName), ct);
        var metrics = VideoQaMetricsCalculator.Compute(results, options.ToleranceSeconds);

        VideoQaComparison? comparison = null;
        string? comparePath = null;
        if (options.Compare is { } other)
        {
            (comparePath, _) = Locate(ctx.Absolute(other), "--compare");
            ctx.Record.AddInput(comparePath, "compare");
            var (otherResults, otherWarnings) = ReadInIdOrder(comparePath);
            foreach (string w in otherWarnings) ctx.Log.Warning(w);
            comparison = VideoQaComparison.Of(results, otherResults, options.Resamples, options.Seed);
            ctx.Record.Seed = options.Seed;
        }
        ct.ThrowIfCancellationRequested();

        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        string? framesRoot = options.Frames is { } f ? ctx.Absolute(f) : null;
        var folders = new Dictionary<string, (VideoFrames? Frames, string? Problem)>(StringComparer.Ordinal);
        var thumbs = MakeThumbnails(VideoQaReportBuilder.GalleryItems(metrics).Select(r => (r, VideoQaReportBuilder.MaxFramesPerItem)), framesRoot, folders, images, ctx);
        var slices = await EmbeddedSlices.AwaitAsync(search, ctx.Log).ConfigureAwait(false);
        // The first frame of the first failing items of each slice shown: a bounded few beside the gallery's.
        var byId = metrics.Results.GroupBy(r => r.ItemId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var examples = slices.Analysis is { } a
            ? SliceBlocks.Shown(a).SelectMany(s => SliceBlocks.FailingItems(slices.Table!, s, SliceBlocks.ThumbnailsPerSlice)).Select(x => x.Id).Distinct(StringComparer.Ordinal).Select(id => byId.GetValueOrDefault(id)).OfType<VideoQaResultDocument>().ToList()
            : [];
        foreach (var (key, thumb) in MakeThumbnails(examples.Select(r => (r, 1)), framesRoot, folders, images, ctx)) thumbs.TryAdd(key, thumb);
        GalleryImage? Thumb(string id) => byId.GetValueOrDefault(id) is { } r && VideoQaReportBuilder.Frames(r).FirstOrDefault() is ({ } frame, _, _)
            && thumbs.GetValueOrDefault(VideoQaReportBuilder.ThumbKey(r.Key, frame.Number)).Path is { } path ? new GalleryImage(id, path) : null;
        var report = VideoQaReportBuilder.Build(new VideoQaReportInput(metrics, failed, resultsPath, comparison, comparePath, thumbs, RunRecord.Tool.Version)
        {
            WhereItFails = SliceBlocks.Section(slices, SampleResultsFile.DefaultName, Thumb),
        });
        var figures = FigureRenderer.RenderAll(report).ToDictionary(x => x.Id, StringComparer.Ordinal);
        ct.ThrowIfCancellationRequested();
        var tables = report.Sections.SelectMany(s => s.Blocks).OfType<TableBlock>().Select(t => t.Table).ToList();
        string html = Path.Combine(outDir, HtmlName);
        var outcome = JobOutcome.Ok([html, Path.Combine(outDir, MarkdownName), Path.Combine(outDir, JsonName)], report.Verdict?.Headline);
        using (var outputs = OutputSet.Open(outDir, "--out", Outputs, ctx.Record.InputPaths))
        {
            foreach (var (file, bytes) in images) outputs.StageBytes(file, bytes);
            foreach (var fig in figures.Values)
            {
                outputs.StageBytes($"figures/{fig.Id}.png", fig.Png);
                outputs.StageText($"figures/{fig.Id}.svg", fig.Svg);
            }
            foreach (var t in tables) outputs.StageText($"tables/{t.Id}.csv", CsvTableRenderer.Render(t));
            outputs.StageText(HtmlName, HtmlReportRenderer.Render(report, figures, images));
            outputs.StageText(MarkdownName, MarkdownReportRenderer.Render(report, id => $"figures/{id}.png"));
            outputs.StageBytes(JsonName, ReportJson.Serialize(report));
            outputs.StageBytes(SampleResultsFile.DefaultName, SampleResultsFile.ToBytes(samples));
            slices.Stage(outputs);
            await ctx.Record.CommitAsync(outputs, outcome, ct).ConfigureAwait(false);
        }
        ctx.Log.Info(report.Verdict?.Headline ?? "report written");
        ctx.Log.Info($"Report: {html}");
        return outcome with { Summary = [$"Report: {html}"] };
    }

    /// <summary>The results file and the errors file beside it, from a run folder or a results file.</summary>
    public static (string Results, string Errors) Locate(string path, string option)
    {
        if (Directory.Exists(path))
        {
            string file = Path.Combine(path, VideoQaResultsFile.ResultsName);
            if (!File.Exists(file)) throw new UserInputException($"{option} {path} has no {VideoQaResultsFile.ResultsName}: give a videoqa run folder (its --out) or its results file");
            return (file, Path.Combine(path, VideoQaResultsFile.ErrorsName));
        }
        if (!File.Exists(path)) throw new UserInputException($"{option}: not found: {path} (give a videoqa run folder or its {VideoQaResultsFile.ResultsName})");
        return (path, Path.Combine(Path.GetDirectoryName(path)!, VideoQaResultsFile.ErrorsName));
    }

    /// <summary>JPEG thumbnails of the gallery's frames into <paramref name="images"/> (thumbs/&lt;key&gt;/frame_&lt;N&gt;.jpg),
    /// or why each is missing. A frame folder is the results' own, or &lt;frames&gt;/&lt;key&gt; with --frames.</summary>
    /// <param name="items">The questions and how many of their frames (the gallery's: up to 8; a "Where it fails" example: its first).</param>
    /// <param name="folders">The frame folders scanned so far (each video's scanned and warned about once).</param>
    private static Dictionary<string, (string? Path, string? Problem)> MakeThumbnails(IEnumerable<(VideoQaResultDocument Result, int Frames)> items, string? framesRoot,
        Dictionary<string, (VideoFrames? Frames, string? Problem)> folders, Dictionary<string, byte[]> images, JobContext ctx)
    {
        var map = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        foreach (var (r, frames) in items)
        {
            string? dir = framesRoot is not null ? Path.Combine(framesRoot, r.Key) : r.FramesDir;
            if (!folders.TryGetValue(r.Key, out var folder))
            {
                folder = dir is null ? (null, "no frames folder recorded; give --frames")
                    : !Directory.Exists(dir) ? (null, $"frames folder {dir} not found; give --frames")
                    : (VideoFrames.Scan(dir), null);
                folders[r.Key] = folder;
                if (folder.Problem is not null) ctx.Log.Warning($"thumbnails of video {r.Key}: {folder.Problem}");
            }
            foreach (var (frame, _, _) in VideoQaReportBuilder.Frames(r).Take(frames))
            {
                string key = VideoQaReportBuilder.ThumbKey(r.Key, frame.Number);
                if (map.ContainsKey(key)) continue;
                if (folder.Frames is null)
                {
                    map[key] = (null, folder.Problem);
                    continue;
                }
                var file = folder.Frames.Frames.FirstOrDefault(x => x.Number == frame.Number);
                byte[]? jpeg = null;
                string? problem = file is null ? "frame file not found" : null;
                if (file is not null)
                {
                    try
                    {
                        jpeg = Thumbnails.MakeJpeg(file.Path, ThumbnailSide);
                        if (jpeg is null) problem = "frame file not found";
                    }
                    catch (UserInputException ex)
                    {
                        problem = ex.Message;
                    }
                }
                if (jpeg is null)
                {
                    map[key] = (null, problem);
                    continue;
                }
                string rel = $"thumbs/{Safe(r.Key)}/frame_{frame.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)}.jpg";
                images[rel] = jpeg;
                map[key] = (rel, null);
            }
        }
        return map;
    }

    private static string Safe(string s) => string.Concat(s.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
}
