namespace GapLens.Perception.Attention;

/// <summary>Video frames as encoded images (PNG or JPEG) for overlays: e.g. extracted with ffmpeg at
/// the frame number. Null when the frame is not available (the overlay then uses a blank canvas).</summary>
public interface IFrameImageSource
{
    Task<byte[]?> GetFrameAsync(string videoId, int frameId, CancellationToken cancellationToken);
}
