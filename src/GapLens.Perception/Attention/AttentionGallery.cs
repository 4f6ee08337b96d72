using System.Collections.Immutable;
using System.Globalization;
using GapLens.IO.Files;
using GapLens.Perception.Annotations;

namespace GapLens.Perception.Attention;

/// <summary>
/// Writes the overlay gallery of an attention analysis: per task, the strongest and weakest
/// question (a task with one scored question gets one overlay), as PNG files named
/// <c>&lt;task&gt;-strongest.png</c> and <c>&lt;task&gt;-weakest.png</c>, staged into the job's
/// output set under <c>folder</c> (committed with the rest of the run, so a failed run leaves none).
/// </summary>
public static class AttentionGallery
{
    public static async Task<ImmutableArray<OverlayImage>> WriteAsync(
        AttentionResult result, PerceptionAnnotations annotations, IAttentionMapSource maps, OutputSet outputs, string folder,
        IFrameImageSource? frames, OverlayOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(annotations);
        ArgumentNullException.ThrowIfNull(maps);
        ArgumentNullException.ThrowIfNull(outputs);
        options ??= new OverlayOptions();
        if (result.Slices.IsEmpty) return [];
        int slice = options.Slice ?? result.Ranking.FirstOrDefault(r => r.Link.Auroc.Value is not null)?.Slice.Index ?? result.Slices.Length - 1;
        if (slice < 0 || slice >= result.Slices.Length) throw new ArgumentOutOfRangeException(nameof(options), $"slice {slice} is not one of the {result.Slices.Length} slices");
        var settings = result.Settings;
        var sweep = settings.IouSweep.ToArray();
        var picks = new List<(string Task, OverlayKind Kind, QuestionAttention Q, double Value)>();
        foreach (var group in result.Questions.GroupBy(q => q.TaskId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var scored = group.Where(q => q.Slices[slice].Get(options.Metric).HasValue).ToList();
            if (scored.Count == 0) continue;
            var best = scored.MaxBy(q => q.Slices[slice].Get(options.Metric)!.Value)!;
            var worst = scored.MinBy(q => q.Slices[slice].Get(options.Metric)!.Value)!;
            picks.Add((group.Key, OverlayKind.Strongest, best, best.Slices[slice].Get(options.Metric)!.Value));
            if (!ReferenceEquals(best, worst)) picks.Add((group.Key, OverlayKind.Weakest, worst, worst.Slices[slice].Get(options.Metric)!.Value));
        }
        var images = ImmutableArray.CreateBuilder<OverlayImage>(picks.Count);
        SliceLayout? layout = null;
        QuestionWorker? worker = null;
        foreach (var (task, kind, q, value) in picks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var map = maps.Load(new AttentionMapKey(q.VideoId, q.QuestionId));
            layout ??= new SliceLayout(map, settings.MeanSlices);
            worker ??= new QuestionWorker(layout, settings, sweep, Array.IndexOf(sweep, settings.IouFraction));
            var video = annotations.Find(q.VideoId) ?? throw new ArgumentException($"video {q.VideoId} is not in the annotations", nameof(annotations));
            var perFrame = worker.Frames(map, video, slice);
            int frame = -1;
            double frameValue = 0;
            for (int f = 0; f < perFrame.Count; f++)
            {
                if (perFrame[f].Scores is not { } s || Get(s, options.Metric) is not { } v) continue;
                if (frame < 0 || (kind == OverlayKind.Strongest ? v > frameValue : v < frameValue))
                {
                    frame = f;
                    frameValue = v;
                }
            }
            if (frame < 0) continue;
            int frameId = map.FrameIds[frame];
            byte[]? background = frames is null ? null : await frames.GetFrameAsync(q.VideoId, frameId, cancellationToken).ConfigureAwait(false);
            var (width, height) = CanvasSize(video.Metadata, background, options.MaxSide);
            var coverage = new double[map.Cells];
            double area = BoxRaster.Rasterise([.. perFrame[frame].Boxes], map.Height, map.Width, coverage, map.Crop);
            int targets = coverage.Count(c => c > 1e-9);
            double? chance = Get(FrameScorer.Chance(map.Cells, area, targets), options.Metric);
            var values = layout.Get(map, frame, slice, new float[map.Cells]).ToArray();
            string caption = string.Create(CultureInfo.InvariantCulture,
                $"{task} {kind.ToString().ToLowerInvariant()}: {q.VideoId} question {q.QuestionId}, frame {frameId}, {result.Slices[slice].Name}\n{Name(options.Metric)}: this frame {frameValue:F2}, question mean {value:F2}, uniform map {(chance is { } c ? c.ToString("F2", CultureInfo.InvariantCulture) : "undefined")}");
            var spec = new OverlaySpec(width, height, values, map.Height, map.Width, map.Crop, [.. perFrame[frame].Boxes], [.. perFrame[frame].Labels], background, caption, options.Opacity);
            string file = $"{task}-{kind.ToString().ToLowerInvariant()}.png";
            byte[] png = OverlayRenderer.RenderPng(spec);
            outputs.StageBytes(folder.Length == 0 ? file : folder + "/" + file, png);
            images.Add(new OverlayImage(task, kind, q.VideoId, q.QuestionId, frameId, slice, options.Metric, value, frameValue, chance, file, width, height + OverlayRenderer.CaptionHeight, background is not null));
        }
        return images.ToImmutable();
    }

    private static double? Get(FrameScores s, LocalisationMetric m) => m switch
    {
        LocalisationMetric.PointingGame => s.Pointing,
        LocalisationMetric.MassRatio => s.MassRatio,
        LocalisationMetric.RankAccuracy => s.RankAccuracy,
        LocalisationMetric.Iou => s.Iou,
        _ => s.RocAuc,
    };

    internal static string Name(LocalisationMetric m) => m switch
    {
        LocalisationMetric.PointingGame => "pointing game",
        LocalisationMetric.MassRatio => "mass ratio",
        LocalisationMetric.RankAccuracy => "rank accuracy",
        LocalisationMetric.Iou => "IoU",
        _ => "ROC-AUC",
    };

    /// <summary>The video's resolution (else the image's, else 640 x 360), scaled so the longer side fits.</summary>
    private static (int Width, int Height) CanvasSize(VideoMetadata meta, byte[]? image, int maxSide)
    {
        int w = meta.Width ?? 0, h = meta.Height ?? 0;
        if ((w <= 0 || h <= 0) && image is not null)
        {
            using var codec = SkiaSharp.SKCodec.Create(new MemoryStream(image));
            if (codec is not null) (w, h) = (codec.Info.Width, codec.Info.Height);
        }
        if (w <= 0 || h <= 0) (w, h) = (640, 360);
        double scale = Math.Min(1.0, (double)maxSide / Math.Max(w, h));
        return (Math.Max(1, (int)Math.Round(w * scale)), Math.Max(1, (int)Math.Round(h * scale)));
    }
}
