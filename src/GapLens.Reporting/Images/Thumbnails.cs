using GapLens.Core;
using SkiaSharp;

namespace GapLens.Reporting.Images;

/// <summary>128x128 PNG thumbnails (the image scaled to fit, centred on white) for the spot check, and
/// small JPEG thumbnails (aspect kept) for galleries of many frames.</summary>
public static class Thumbnails
{
    public const int Size = 128;

    /// <summary>
    /// The thumbnail's PNG bytes, or why there is none: the file does not exist, or its header gives
    /// more pixels than <see cref="ResourceLimits.MaxImagePixels"/> (it is not decoded; the report
    /// lists it). A file that exists but is not a readable image is a user error naming it.
    /// </summary>
    public static (byte[]? Png, string? Problem) Make(string imagePath) => Make(imagePath, ResourceLimits.Current);

    public static (byte[]? Png, string? Problem) Make(string imagePath, ResourceLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!File.Exists(imagePath)) return (null, "image not found");
        using var codec = SKCodec.Create(imagePath) ?? throw NotAnImage(imagePath);
        if (limits.ImageTooLarge(imagePath, codec.Info.Width, codec.Info.Height) is { } tooLarge) return (null, tooLarge);
        using var source = SKBitmap.Decode(codec) ?? throw NotAnImage(imagePath);
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
        return (data.ToArray(), null);
    }

    private static UserInputException NotAnImage(string path) =>
        new($"image {path} exists but is not a readable image (PNG, JPEG, BMP, GIF or WebP expected)");

    /// <summary>A JPEG of the image scaled to fit <paramref name="maxSide"/> (aspect kept, never enlarged),
    /// or null when the file does not exist or its header gives more pixels than
    /// <see cref="ResourceLimits.MaxImagePixels"/> (not decoded). A file that exists but is not a readable
    /// image is a user error naming it.</summary>
    public static byte[]? MakeJpeg(string imagePath, int maxSide = 160, int quality = 80)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSide, 1);
        if (!File.Exists(imagePath)) return null;
        using var codec = SKCodec.Create(imagePath) ?? throw NotAnImage(imagePath);
        if (ResourceLimits.Current.ImageTooLarge(imagePath, codec.Info.Width, codec.Info.Height) is not null) return null;
        using var source = SKBitmap.Decode(codec) ?? throw NotAnImage(imagePath);
        float scale = Math.Min(1f, Math.Min((float)maxSide / source.Width, (float)maxSide / source.Height));
        int w = Math.Max(1, (int)Math.Round(source.Width * scale));
        int h = Math.Max(1, (int)Math.Round(source.Height * scale));
        using var resized = source.Resize(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        using var image = SKImage.FromBitmap(resized ?? source);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }
}
