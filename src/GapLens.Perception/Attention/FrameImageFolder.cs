using System.Globalization;

namespace GapLens.Perception.Attention;

/// <summary>Frames already extracted to <c>DIR/&lt;video_id&gt;/&lt;frame_id&gt;.png</c> (or .jpg).</summary>
public sealed class FrameImageFolder(string dir) : IFrameImageSource
{
    public async Task<byte[]?> GetFrameAsync(string videoId, int frameId, CancellationToken cancellationToken)
    {
        string stem = Path.Combine(dir, videoId, frameId.ToString(CultureInfo.InvariantCulture));
        foreach (string ext in new[] { ".png", ".jpg", ".jpeg" })
        {
            if (File.Exists(stem + ext)) return await File.ReadAllBytesAsync(stem + ext, cancellationToken).ConfigureAwait(false);
        }
        return null;
    }
}
