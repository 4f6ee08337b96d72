using System.Globalization;
using GapLens.IO.Media;
using GapLens.IO.Logging;
using GapLens.Perception.Attention;

namespace GapLens.Jobs.Perception;

/// <summary>
/// Frames for the overlays from <c>--videos DIR</c>: an extracted frame <c>DIR/&lt;video_id&gt;/&lt;frame_id&gt;.png</c>
/// (or .jpg) when there is one, else the frame at that index of <c>DIR/&lt;video_id&gt;.mp4</c> (or .webm,
/// .mkv, .mov, .avi) read with ffmpeg. A video that is missing or too short gives no frame (the overlay
/// falls back to a blank canvas) and one warning per video.
/// </summary>
internal sealed class VideoFrameSource(string dir, RunLog log) : IFrameImageSource, IDisposable
{
    private static readonly string[] VideoExtensions = [".mp4", ".webm", ".mkv", ".mov", ".avi"];
    private readonly FrameImageFolder _frames = new(dir);
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private DirectoryInfo? _temp;

    public int Missing { get; private set; }

    public async Task<byte[]?> GetFrameAsync(string videoId, int frameId, CancellationToken cancellationToken)
    {
        if (await _frames.GetFrameAsync(videoId, frameId, cancellationToken).ConfigureAwait(false) is { } image) return image;
        string? video = VideoExtensions.Select(e => Path.Combine(dir, videoId + e)).FirstOrDefault(File.Exists);
        if (video is null)
        {
            Warn(videoId, $"no video {videoId}.mp4 (or extracted frames {videoId}/<frame>.png) in {dir}; its overlays use a blank canvas");
            return null;
        }
        _temp ??= Directory.CreateTempSubdirectory("gaplens-frames-");
        string png = Path.Combine(_temp.FullName, $"{videoId}_{frameId.ToString(CultureInfo.InvariantCulture)}.png");
        var (ok, error) = await FfmpegFrames.FrameAtAsync(video, frameId, png, cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            Warn(videoId, $"cannot read frame {frameId} of {video} ({error}); its overlay uses a blank canvas");
            return null;
        }
        return await File.ReadAllBytesAsync(png, cancellationToken).ConfigureAwait(false);
    }

    private void Warn(string videoId, string message)
    {
        Missing++;
        if (_warned.Add(videoId)) log.Warning(message);
    }

    public void Dispose()
    {
        try
        {
            _temp?.Delete(recursive: true);
        }
        catch (IOException)
        {
            // a temporary folder left behind is harmless
        }
    }
}
