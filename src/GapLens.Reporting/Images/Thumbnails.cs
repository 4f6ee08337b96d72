using GapLens.Core;
using SkiaSharp;

namespace GapLens.Reporting.Images;

/// <summary>128x128 PNG thumbnails (the image scaled to fit, centred on white) for the spot check.</summary>
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
}
