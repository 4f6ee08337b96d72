using GapLens.Core;
using SkiaSharp;

namespace GapLens.Video.Agent;

/// <summary>
/// Reads a frame's image for a model request. Without a size limit the file's bytes are sent as they
/// are. With <see cref="MaxSide"/>, a larger image is decoded at the smallest scale the JPEG decoder
/// can produce directly that is still at least the target (libjpeg's 1/2, 1/4, 1/8 DCT scaling: far
/// less work than a full decode), resized to fit (bilinear, mipmapped) and re-encoded as JPEG.
/// Thread-safe.
/// </summary>
public sealed class FrameImageLoader(int? maxSide, int jpegQuality = 90)
{
    public int? MaxSide { get; } = maxSide is null or > 0 ? maxSide : throw new ArgumentOutOfRangeException(nameof(maxSide));

    /// <summary>The bytes to send and their media type; a file that is not a readable image is a user error naming it.</summary>
    public async Task<(byte[] Bytes, string MediaType)> LoadAsync(string path, CancellationToken ct)
    {
        byte[] raw = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        return MaxSide is { } side ? Shrink(raw, side, path) : (raw, MediaTypeOf(path));
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
        if (longest <= side) return (raw, MediaTypeOf(path));
        float scale = (float)side / longest;
        int w = Math.Max(1, (int)Math.Round(info.Width * (double)scale));
        int h = Math.Max(1, (int)Math.Round(info.Height * (double)scale));
        var decodeSize = codec.GetScaledDimensions(scale);
        if (decodeSize.Width < w || decodeSize.Height < h) decodeSize = new SKSizeI(info.Width, info.Height);
        var decodeInfo = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput)) throw new UserInputException($"frame {path} cannot be decoded ({result})");
        using var resized = decoded.Resize(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear))
            ?? throw new UserInputException($"frame {path} cannot be resized");
        using var image = SKImage.FromBitmap(resized);
        using var encoded = image.Encode(SKEncodedImageFormat.Jpeg, jpegQuality);
        return (encoded.ToArray(), "image/jpeg");
    }
}
