using GapLens.Core;
using SkiaSharp;

namespace GapLens.Reporting.Images;

/// <summary>128x128 PNG thumbnails (the image scaled to fit, centred on white) for the spot check, and
/// small JPEG thumbnails (aspect kept) for galleries of many frames.</summary>
public static class Thumbnails
{
    public const int Size = 128;

    /// <summary>The thumbnail's PNG bytes, or null when the file does not exist (the report lists it).
    /// A file that exists but is not a readable image is a user error naming it.</summary>
    public static byte[]? Make(string imagePath)
    {
        if (!File.Exists(imagePath)) return null;
        using var source = SKBitmap.Decode(imagePath)
            ?? throw new UserInputException($"image {imagePath} exists but is not a readable image (PNG, JPEG, BMP, GIF or WebP expected)");
        float scale = Math.Min((float)Size / source.Width, (float)Size / source.Height);
        int w = Math.Max(1, (int)Math.Round(source.Width * scale));
        int h = Math.Max(1, (int)Math.Round(source.Height * scale));
        using var surface = SKSurface.Create(new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, new SKRect((Size - w) / 2f, (Size - h) / 2f, (Size + w) / 2f, (Size + h) / 2f), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>A JPEG of the image scaled to fit <paramref name="maxSide"/> (aspect kept, never enlarged),
    /// or null when the file does not exist. A file that exists but is not a readable image is a user error naming it.</summary>
    public static byte[]? MakeJpeg(string imagePath, int maxSide = 160, int quality = 80)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        if (!File.Exists(imagePath)) return null;
        using var source = SKBitmap.Decode(imagePath)
            ?? throw new UserInputException($"image {imagePath} exists but is not a readable image (PNG, JPEG, BMP, GIF or WebP expected)");
        float scale = Math.Min(1f, Math.Min((float)maxSide / source.Width, (float)maxSide / source.Height));
        int w = Math.Max(1, (int)Math.Round(source.Width * scale));
        int h = Math.Max(1, (int)Math.Round(source.Height * scale));
        using var resized = source.Resize(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var image = SKImage.FromBitmap(resized ?? source);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }
}
