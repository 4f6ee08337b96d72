using GapLens.Core;
using SkiaSharp;

namespace GapLens.Video.Encoders;

/// <summary>
/// SigLIP's image preprocessing: decode (SkiaSharp), RGB, resize to 384 x 384 without keeping the
/// aspect ratio and without cropping, x / 255, then (x - mean) / std with mean = std = 0.5 per channel,
/// laid out CHW. Resampling: trilinear (mipmapped) when shrinking, Catmull-Rom bicubic when enlarging;
/// close to, not bit-identical with, the PIL bicubic of Hugging Face's SiglipImageProcessor.
/// </summary>
public static class SiglipImagePreprocessor
{
    public const int Size = 384;
    private const float Mean = 0.5f;
    private const float Std = 0.5f;

    /// <summary>Writes one image's 3 x Size x Size values into <paramref name="destination"/>.</summary>
    public static void Load(string path, Span<float> destination, int size = Size)
    {
        if (destination.Length < 3 * size * size) throw new ArgumentException("destination too small", nameof(destination));
        using var codec = SKCodec.Create(path) ?? throw new UserInputException($"image {path} cannot be decoded (missing, or not an image SkiaSharp reads)");
        if (ResourceLimits.Current.ImageTooLarge(path, codec.Info.Width, codec.Info.Height) is { } tooLarge) throw new UserInputException(tooLarge);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var decoded = new SKBitmap(info);
        var status = codec.GetPixels(info, decoded.GetPixels());
        if (status is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
            throw new UserInputException($"image {path} cannot be decoded ({status})");
        SKBitmap pixels = decoded;
        SKBitmap? resized = null;
        try
        {
            if (info.Width != size || info.Height != size)
            {
                bool shrink = info.Width > size || info.Height > size;
                var sampling = shrink ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear) : new SKSamplingOptions(SKCubicResampler.CatmullRom);
                resized = decoded.Resize(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Unpremul), sampling)
                    ?? throw new UserInputException($"image {path} cannot be resized");
                pixels = resized;
            }
            var bytes = pixels.GetPixelSpan();
            int plane = size * size;
            int rowBytes = pixels.RowBytes;
            for (int y = 0; y < size; y++)
            {
                var row = bytes.Slice(y * rowBytes, size * 4);
                for (int x = 0; x < size; x++)
                {
                    int o = y * size + x;
                    destination[o] = (row[x * 4] / 255f - Mean) / Std;
                    destination[plane + o] = (row[x * 4 + 1] / 255f - Mean) / Std;
                    destination[2 * plane + o] = (row[x * 4 + 2] / 255f - Mean) / Std;
                }
            }
        }
        finally
        {
            resized?.Dispose();
        }
    }
}
