using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core.Reports;
using GapLens.IO.Files;
using GapLens.IO.Media;
using GapLens.Judging.Analysis;
using GapLens.Judging.Folders;
using GapLens.Reporting.Images;

namespace GapLens.Jobs.Scoring;

/// <summary>
/// The gallery of <c>analyze plot</c>: per model and task type, the worst items first (lowest score,
/// then failed, then skipped items, each named with why), each with the task's first frame, the
/// expected final frame and the generated video's last frame (128-pixel thumbnails staged under
/// gallery/), the score and the judge's explanation. Filters by model, task type and experiment work
/// in the page. FiftyOne's "sorted by mistakenness" view, for video scores.
/// </summary>
public static class ScoreGallery
{
    public const string ImagesDir = "gallery";

    /// <summary>Items shown per (model, task type), the worst ones.</summary>
    public const int PerGroup = 6;

    /// <summary>The worst-first order: scored items by score (1 first), then failed, then skipped.</summary>
    public static IEnumerable<ScoreRecord> WorstFirst(IEnumerable<ScoreRecord> records) => records
        .OrderBy(r => r.Status switch { ScoreStatus.Completed => 0, ScoreStatus.Failed => 1, _ => 2 })
        .ThenBy(r => r.Score ?? int.MaxValue)
        .ThenBy(r => r.TaskId, StringComparer.Ordinal);

    /// <returns>The gallery, the thumbnails by relative path, and per item shown (its samples.jsonl id)
    /// the one thumbnail that says most: the video's last frame, else the first or the expected frame.</returns>
    public static async Task<(GalleryBlock Gallery, IReadOnlyDictionary<string, byte[]> Images, IReadOnlyDictionary<string, GalleryImage> ByItem)> BuildAsync(
        IReadOnlyList<ScoreRecord> records, string? outputsRoot, double passAtOrAbove, OutputSet outputs, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(outputs);
        var items = outputsRoot is null ? new Dictionary<(string, string, string, string), VmItem>()
            : VmOutputs.Scan(outputsRoot).ToDictionary(i => i.Key);
        var groups = records.GroupBy(r => (r.Model, r.TaskType)).OrderBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.TaskType, StringComparer.Ordinal).ToList();
        var shown = groups.SelectMany(g => WorstFirst(g).Take(PerGroup)).ToList();
        var images = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        bool ffmpeg = outputsRoot is not null && FfmpegFrames.IsAvailable();
        string temp = Path.Combine(Path.GetTempPath(), $"gaplens-gallery-{Environment.ProcessId}-{Guid.NewGuid():N}");
        var gallery = new List<GalleryItem>();
        var byItem = new Dictionary<string, GalleryImage>(StringComparer.Ordinal);
        try
        {
            for (int i = 0; i < shown.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var r = shown[i];
                items.TryGetValue((r.Experiment, r.Model, r.TaskType, r.TaskId), out var item);
                string? why = outputsRoot is null ? "no --outputs folder given" : item is null ? "not found under --outputs" : null;
                var first = Image(i, "first", "first frame", item?.FirstFrame, why, images, outputs);
                var expected = Image(i, "expected", "expected final frame", item?.FinalFrame, why, images, outputs);
                GalleryImage last;
                if (item?.Video is not { } video) last = new GalleryImage("video's last frame", null, why ?? "no video");
                else if (!ffmpeg) last = new GalleryImage("video's last frame", null, "ffmpeg is not installed");
                else
                {
                    Directory.CreateDirectory(temp);
                    string png = Path.Combine(temp, $"{i}.png");
                    var (ok, error) = await FfmpegFrames.LastFrameAsync(video, png, ct).ConfigureAwait(false);
                    last = ok ? Image(i, "last", "video's last frame", png, null, images, outputs) : new GalleryImage("video's last frame", null, "unreadable video: " + Short((error ?? "no frame").Replace(video, Path.GetFileName(video), StringComparison.Ordinal), 80));
                }
                if (new[] { last, first, expected }.FirstOrDefault(g => g.Path is not null) is { } best) byItem[ScoreSamples.IdOf(r)] = best;
                var (badge, tone) = r.Status switch
                {
                    ScoreStatus.Completed => (string.Create(CultureInfo.InvariantCulture, $"score {r.Score}"), r.Score >= passAtOrAbove ? Tone.Good : Tone.Bad),
                    ScoreStatus.Failed => ("failed", Tone.Bad),
                    _ => ("skipped", Tone.Warning),
                };
                var fields = new List<KeyValuePair<string, string>>
                {
                    new("model", r.Model), new("task", r.TaskType), new("experiment", r.Experiment),
                };
                if (r.Explanation is { Length: > 0 } e) fields.Add(new("judge", Short(e, 280)));
                string? problem = r.Status switch
                {
                    ScoreStatus.Failed => "The judge failed: " + Short(r.Error ?? "no reason recorded", 200),
                    ScoreStatus.Skipped => "Skipped (not scorable): " + Short(r.Error ?? r.Explanation ?? "no reason recorded", 200),
                    _ => null,
                };
                gallery.Add(new GalleryItem(r.TaskId, [first, expected, last], [.. fields], badge, tone, problem)
                {
                    Filters = [new("model", r.Model), new("task", r.TaskType), new("experiment", r.Experiment)],
                });
            }
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
        string caption = string.Create(CultureInfo.InvariantCulture,
            $"Per model and task type, the worst {PerGroup} items first (lowest score, then failed, then skipped). Left to right: the task's first frame, the expected final frame, the generated video's last frame. Success = score >= {passAtOrAbove:0.##}.");
        return (new GalleryBlock("items", caption, [.. gallery], records.Count), images, byItem);
    }

    private static GalleryImage Image(int i, string kind, string caption, string? path, string? why, Dictionary<string, byte[]> images, OutputSet outputs)
    {
        if (path is null) return new GalleryImage(caption, null, why ?? "no such file in the task folder");
        byte[]? thumb;
        try
        {
            (thumb, string? problem) = Thumbnails.Make(path);
            if (thumb is null) return new GalleryImage(caption, null, problem ?? "file not found");
        }
        catch (GapLens.Core.UserInputException)
        {
            return new GalleryImage(caption, null, "not a readable image");
        }
        string rel = string.Create(CultureInfo.InvariantCulture, $"{ImagesDir}/{i:0000}_{kind}.png");
        outputs.StageBytes(rel, thumb);
        images[rel] = thumb;
        return new GalleryImage(caption, rel);
    }

    private static string Short(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
