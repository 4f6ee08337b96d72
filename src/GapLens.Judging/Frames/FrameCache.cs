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
    private readonly ConcurrentDictionary<string, Lazy<Task<FrameSet>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>The frames of a video, or why there are none.</summary>
    public sealed record FrameSet(IReadOnlyList<string> Frames, string? Error);

    /// <param name="video">The video file.</param>
    /// <param name="count">1: the last frame; more: that many frames of the last <paramref name="lastSeconds"/> seconds.</param>
    /// <param name="lastSeconds">The span of the frames when <paramref name="count"/> &gt; 1.</param>
    /// <param name="ct">Cancellation.</param>
    public Task<FrameSet> GetAsync(string video, int count, double lastSeconds, CancellationToken ct)
    {
        // Size 0: an empty file, or not a regular file at all (a device such as /dev/zero, a FIFO),
        // which would be read forever or block; no frame can come from it.
        var info = new FileInfo(video);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) info = target;
        if (!info.Exists || info.Length == 0) return Task.FromResult(new FrameSet([], $"{video} is empty or not a regular file"));
        string mode = count <= 1 ? "last" : string.Create(CultureInfo.InvariantCulture, $"vote{count}_{lastSeconds:R}s");
        string key = Hash(video, info.Length, ct) + "_" + mode;
        return _inFlight.GetOrAdd(key, k => new Lazy<Task<FrameSet>>(() => LoadAsync(video, k, count, lastSeconds, ct))).Value;
    }

    private async Task<FrameSet> LoadAsync(string video, string key, int count, double lastSeconds, CancellationToken ct)
    {
        string dir = Path.Combine(root, key);
        if (Directory.Exists(dir)) return new FrameSet([.. Directory.GetFiles(dir, "frame_*.png").Order(StringComparer.Ordinal)], null);
        Directory.CreateDirectory(root);
        string temp = Path.Combine(root, $".{key}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            IReadOnlyList<string> frames;
            string? error;
            if (count <= 1)
            {
                Directory.CreateDirectory(temp);
                (bool ok, error) = await FfmpegFrames.LastFrameAsync(video, Path.Combine(temp, "frame_00.png"), ct).ConfigureAwait(false);
                frames = ok ? [Path.Combine(temp, "frame_00.png")] : [];
            }
            else
            {
                (frames, error) = await FfmpegFrames.FramesAsync(video, count, lastSeconds, temp, ct).ConfigureAwait(false);
            }
            if (frames.Count == 0) return new FrameSet([], error);
            try
            {
                Directory.Move(temp, dir);
            }
            catch (IOException) when (Directory.Exists(dir))
            {
                // Another process cached the same video meanwhile; use its copy.
            }
            return new FrameSet([.. Directory.GetFiles(dir, "frame_*.png").Order(StringComparer.Ordinal)], null);
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    /// <summary>The content hash of the video's first <paramref name="length"/> bytes (its size when
    /// listed: a file that grows is not read without end).</summary>
    private static string Hash(string path, long length, CancellationToken ct)
    {
        var h = new XxHash128();
        var buf = new byte[1 << 20];
        using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            while (length > 0)
            {
                ct.ThrowIfCancellationRequested();
                int n = fs.Read(buf, 0, (int)Math.Min(buf.Length, length));
                if (n == 0) break;
                h.Append(buf.AsSpan(0, n));
                length -= n;
            }
        }
        return Convert.ToHexStringLower(h.GetCurrentHash());
    }
}
