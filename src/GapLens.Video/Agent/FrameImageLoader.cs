using GapLens.Core;
using SkiaSharp;

namespace GapLens.Video.Agent;

/// <summary>
/// Reads a frame's image for a model request. Without a size limit the file's bytes are sent as they
/// are. With <see cref="MaxSide"/>, a larger image is decoded at the smallest scale the JPEG decoder
/// can produce directly that is still at least the target (libjpeg's 1/2, 1/4, 1/8 DCT scaling: far
/// less work than a full decode), resized to fit (bilinear, mipmapped) and re-encoded as JPEG; the
/// results are kept in a <see cref="FrameImageCache"/> of <paramref name="cacheBytes"/> (frames repeat
/// across rounds and across questions on the same video), so a frame is re-encoded once per run while
/// it stays cached. Thread-safe.
/// </summary>
public sealed class FrameImageLoader(int? maxSide, int jpegQuality = 90, long cacheBytes = FrameImageLoader.DefaultCacheBytes)
{
    /// <summary>64 MiB: 2,000 to 4,500 frames of 448 px (15 to 30 KB each), several videos' worth of questions.</summary>
    public const long DefaultCacheBytes = 64L << 20;

    private long _fitting;

    private readonly string _variant = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{maxSide}px q{jpegQuality}");

    public int? MaxSide { get; } = maxSide is null or > 0 ? maxSide : throw new ArgumentOutOfRangeException(nameof(maxSide));

    /// <summary>Frames read that were already within <see cref="MaxSide"/> and are sent as they are, not
    /// re-encoded (frames extracted with <c>videoqa prepare --max-side</c>); counted once per cache miss.</summary>
    public long AlreadyFitting => Interlocked.Read(ref _fitting);

    /// <summary>The re-encoded frames (used only with <see cref="MaxSide"/>: files sent as they are are read each time).</summary>
    public FrameImageCache Cache { get; } = new(cacheBytes);

    /// <summary>The bytes to send and their media type; a file that is not a readable image is a user error naming it.</summary>
    public async Task<(byte[] Bytes, string MediaType)> LoadAsync(string path, CancellationToken ct)
    {
        if (MaxSide is not { } side)
        {
            return (await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false), MediaTypeOf(path));
        }
        return await Cache.GetAsync(path, _variant, p => Shrink(File.ReadAllBytes(p), side, p), ct).ConfigureAwait(false);
    }

    public static string MediaTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".webp" => "image/webp",
        ".gif" => "image/gif",
        _ => "image/jpeg",
    };

    private (byte[], string) Shrink(byte[] raw, int side, string path)
    {
        using var data = SKData.CreateCopy(raw);
        using var codec = SKCodec.Create(data) ?? throw new UserInputException($"frame {path} is not a readable image (JPEG or PNG expected)");
        var info = codec.Info;
        int longest = Math.Max(info.Width, info.Height);
        if (longest <= side)
        {
            Interlocked.Increment(ref _fitting);
            return (raw, MediaTypeOf(path));
        }
        float scale = (float)side / longest;
        int w = Math.Max(1, (int)Math.Round(info.Width * (double)scale));
        int h = Math.Max(1, (int)Math.Round(info.Height * (double)scale));
        var decodeSize = codec.GetScaledDimensions(scale);
        if (decodeSize.Width < w || decodeSize.Height < h) decodeSize = new SKSizeI(info.Width, info.Height);
        var decodeInfo = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput)) throw new UserInputException($"frame {path} cannot be decoded ({result})");
        // Mipmaps only pay when the decoded image is still more than twice the target: building them for
        // a smaller step costs more than the whole resize.
        var mipmaps = decodeSize.Width > 2 * w ? SKMipmapMode.Linear : SKMipmapMode.None;
        using var resized = decoded.Resize(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKFilterMode.Linear, mipmaps))
            ?? throw new UserInputException($"frame {path} cannot be resized");
        using var image = SKImage.FromBitmap(resized);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, jpegQuality);
        return (encoded.ToArray(), "image/jpeg");
    }
}
