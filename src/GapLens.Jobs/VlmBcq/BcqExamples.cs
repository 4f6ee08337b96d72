using GapLens.IO.Files;
using GapLens.IO.Media;
using GapLens.Reporting.Images;

namespace GapLens.Jobs.VlmBcq;

/// <summary>
/// The FP and FN cases the report shows: the first ones of each type in file order, as the scan kept
/// them while writing kpi_gaps.jsonl (video paths resolved the same way), each with
/// a 128-pixel thumbnail of its video's last frame staged under report_images/ when the video exists
/// and ffmpeg can read it (otherwise the reason).
/// </summary>
internal static class BcqExamples
{
    public const string ImagesDir = "report_images";

    public static async Task<(IReadOnlyList<BcqExample> Examples, IReadOnlyDictionary<string, byte[]> Images)> PickAsync(
        IEnumerable<JsonlSpill> cases, int perType, OutputSet outputs, CancellationToken ct)
    {
        var picked = new List<BcqExample>();
        foreach (var part in cases)
        {
            foreach (var e in part.Examples)
            {
                if (picked.Count(p => p.ErrorType == e.ErrorType) < perType) picked.Add(e);
            }
        }
        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        // ffmpeg is probed (a process start) only when some example's video exists.
        bool ffmpeg = picked.Any(e => File.Exists(e.Video)) && FfmpegFrames.IsAvailable();
        string temp = Path.Combine(Path.GetTempPath(), $"gaplens-bcq-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            for (int i = 0; i < picked.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var e = picked[i];
                string? problem = null;
                if (!File.Exists(e.Video)) problem = "video not found";
                else if (!ffmpeg) problem = "ffmpeg is not installed (no thumbnail)";
                else
                {
                    Directory.CreateDirectory(temp);
                    string png = Path.Combine(temp, $"{i}.png");
                    var (ok, error) = await FfmpegFrames.LastFrameAsync(e.Video, png, ct).ConfigureAwait(false);
                    byte[]? thumb = ok ? TryThumbnail(png) : null;
                    if (thumb is null) problem = "no frame could be read: " + (error ?? "not an image");
                    else
                    {
                        string rel = $"{ImagesDir}/{i:000}_{e.ErrorType}.png";
                        outputs.StageBytes(rel, thumb);
                        images[rel] = thumb;
                        picked[i] = e with { Thumbnail = rel };
                        continue;
                    }
                }
                picked[i] = e with { ThumbnailProblem = problem };
            }
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
        return (picked, images);
    }

    private static byte[]? TryThumbnail(string png)
    {
        try
        {
            return Thumbnails.Make(png).Png;
        }
        catch (GapLens.Core.UserInputException)
        {
            return null;
        }
    }
}
