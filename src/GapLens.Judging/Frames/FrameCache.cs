using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Hashing;
using GapLens.IO.Media;

namespace GapLens.Judging.Frames;

/// <summary>
/// Frames taken from videos, kept under data/evaluations/_frames/&lt;content hash&gt;_&lt;mode&gt;/ so that
/// a video is decoded once however many judges or runs look at it (and once per run however many
/// items share its content). Entries appear by an atomic directory rename: never half written.
/// </summary>
public sealed class FrameCache(string root)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IReadOnlyList<string>>>> _inFlight = new(StringComparer.Ordinal);

    /// <param name="video">The video file.</param>
    /// <param name="count">1: the last frame; more: that many frames of the last <paramref name="lastSeconds"/> seconds.</param>
    /// <param name="lastSeconds">The span of the frames when <paramref name="count"/> &gt; 1.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<IReadOnlyList<string>> GetAsync(string video, int count, double lastSeconds, CancellationToken ct)
    {
        string mode = count <= 1 ? "last" : string.Create(CultureInfo.InvariantCulture, $"vote{count}_{lastSeconds:R}s");
        string key = Hash(video) + "_" + mode;
        return _inFlight.GetOrAdd(key, k => new Lazy<Task<IReadOnlyList<string>>>(() => LoadAsync(video, k, count, lastSeconds, ct))).Value;
    }

    private async Task<IReadOnlyList<string>> LoadAsync(string video, string key, int count, double lastSeconds, CancellationToken ct)
    {
        string dir = Path.Combine(root, key);
        if (Directory.Exists(dir)) return [.. Directory.GetFiles(dir, "frame_*.png").Order(StringComparer.Ordinal)];
        Directory.CreateDirectory(root);
        string temp = Path.Combine(root, $".{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            IReadOnlyList<string> frames;
            if (count <= 1)
            {
                Directory.CreateDirectory(temp);
                var (ok, _) = await FfmpegFrames.LastFrameAsync(video, Path.Combine(temp, "frame_00.png"), ct).ConfigureAwait(false);
                frames = ok ? [Path.Combine(temp, "frame_00.png")] : [];
            }
            else
            {
                frames = await FfmpegFrames.FramesAsync(video, count, lastSeconds, temp, ct).ConfigureAwait(false);
            }
            if (frames.Count == 0) return [];
            try
            {
                Directory.Move(temp, dir);
            }
            catch (IOException) when (Directory.Exists(dir))
            {
                // Another process cached the same video meanwhile; use its copy.
            }
            return [.. Directory.GetFiles(dir, "frame_*.png").Order(StringComparer.Ordinal)];
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    private static string Hash(string path)
    {
        var h = new XxHash128();
        using (var fs = File.OpenRead(path)) h.Append(fs);
        return Convert.ToHexStringLower(h.GetCurrentHash());
    }
}
