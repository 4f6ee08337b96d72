using SkiaSharp;

namespace GapLens.Perception.Attention;

/// <summary>
/// Draws an attention overlay as PNG with SkiaSharp. The map is drawn as crisp cells (one filled
/// rectangle per cell on integer pixel edges, no interpolation): colour from a perceptual
/// dark-to-bright scale (inferno) of value / maximum, opacity growing with the value so unattended
/// regions leave the frame visible. Boxes are outlined in cyan with their labels. A caption band
/// above the frame carries the caption (up to two lines, split at a line break) and the colour scale.
/// </summary>
public static class OverlayRenderer
{
    public const int CaptionHeight = 44;

    private static readonly (double T, byte R, byte G, byte B)[] Inferno =
    [
        (0.00, 0, 0, 4), (0.25, 87, 16, 110), (0.50, 188, 55, 84), (0.75, 249, 142, 9), (1.00, 252, 255, 164),
    ];

    /// <summary>The heat colour for t in [0, 1].</summary>
    public static SKColor Heat(double t)
    {
        t = Math.Clamp(t, 0, 1);
        for (int i = 1; i < Inferno.Length; i++)
        {
            if (t > Inferno[i].T) continue;
            var (t0, r0, g0, b0) = Inferno[i - 1];
            var (t1, r1, g1, b1) = Inferno[i];
            double u = (t - t0) / (t1 - t0);
            return new SKColor((byte)Math.Round(r0 + u * (r1 - r0)), (byte)Math.Round(g0 + u * (g1 - g0)), (byte)Math.Round(b0 + u * (b1 - b0)));
        }
        return new SKColor(Inferno[^1].R, Inferno[^1].G, Inferno[^1].B);
    }

    public static byte[] RenderPng(OverlaySpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Width < 1 || spec.Height < 1) throw new ArgumentException("the frame needs a size", nameof(spec));
        if (spec.Map.Length != spec.MapHeight * spec.MapWidth) throw new ArgumentException("the map does not fill its grid", nameof(spec));
        using var surface = SKSurface.Create(new SKImageInfo(spec.Width, spec.Height + CaptionHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(24, 24, 24));
        canvas.Save();
        canvas.Translate(0, CaptionHeight);
        DrawFrame(canvas, spec);
        DrawCells(canvas, spec);
        DrawBoxes(canvas, spec);
        canvas.Restore();
        DrawCaption(canvas, spec);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static void DrawFrame(SKCanvas canvas, OverlaySpec spec)
    {
        using var blank = new SKPaint { Color = new SKColor(58, 58, 58) };
        canvas.DrawRect(0, 0, spec.Width, spec.Height, blank);
        if (spec.Background is null) return;
        using var bitmap = SKBitmap.Decode(spec.Background);
        if (bitmap is null) return; // not an image: the blank canvas stays
        using var image = SKImage.FromBitmap(bitmap);
        canvas.DrawImage(image, new SKRect(0, 0, spec.Width, spec.Height), new SKSamplingOptions(SKFilterMode.Linear));
    }

    private static void DrawCells(SKCanvas canvas, OverlaySpec spec)
    {
        var map = spec.Map.Span;
        float max = float.NegativeInfinity;
        foreach (float v in map) max = Math.Max(max, v);
        if (!(max > 0)) return;
        double x0 = (spec.Crop?.X1 ?? 0) * spec.Width, y0 = (spec.Crop?.Y1 ?? 0) * spec.Height;
        double w = ((spec.Crop?.X2 ?? 1) - (spec.Crop?.X1 ?? 0)) * spec.Width, h = ((spec.Crop?.Y2 ?? 1) - (spec.Crop?.Y1 ?? 0)) * spec.Height;
        using var paint = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Fill };
        for (int r = 0; r < spec.MapHeight; r++)
        {
            int top = (int)Math.Round(y0 + r * h / spec.MapHeight), bottom = (int)Math.Round(y0 + (r + 1) * h / spec.MapHeight);
            for (int c = 0; c < spec.MapWidth; c++)
            {
                double t = Math.Max(0, map[r * spec.MapWidth + c]) / max;
                byte alpha = (byte)Math.Round(255 * spec.Opacity * t);
                if (alpha == 0) continue;
                int left = (int)Math.Round(x0 + c * w / spec.MapWidth), right = (int)Math.Round(x0 + (c + 1) * w / spec.MapWidth);
                paint.Color = Heat(t).WithAlpha(alpha);
                canvas.DrawRect(SKRect.Create(left, top, right - left, bottom - top), paint);
            }
        }
    }

    private static void DrawBoxes(SKCanvas canvas, OverlaySpec spec)
    {
        float stroke = Math.Max(2, spec.Width / 320f);
        using var line = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Stroke, StrokeWidth = stroke, Color = new SKColor(0, 229, 255) };
        using var tag = new SKPaint { IsAntialias = false, Style = SKPaintStyle.Fill, Color = new SKColor(0, 229, 255) };
        using var text = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        using var font = new SKFont(SKTypeface.Default, Math.Max(11, spec.Width / 70f));
        for (int i = 0; i < spec.Boxes.Length; i++)
        {
            var b = spec.Boxes[i];
            var rect = new SKRect((float)Math.Round(b.X1 * spec.Width), (float)Math.Round(b.Y1 * spec.Height), (float)Math.Round(b.X2 * spec.Width), (float)Math.Round(b.Y2 * spec.Height));
            canvas.DrawRect(rect, line);
            if (i >= spec.Labels.Length || string.IsNullOrEmpty(spec.Labels[i])) continue;
            float width = font.MeasureText(spec.Labels[i]) + 6, height = font.Size + 4;
            float top = rect.Top - height >= 0 ? rect.Top - height : rect.Top;
            canvas.DrawRect(SKRect.Create(rect.Left, top, width, height), tag);
            canvas.DrawText(spec.Labels[i], rect.Left + 3, top + font.Size, SKTextAlign.Left, font, text);
        }
    }

    private static void DrawCaption(SKCanvas canvas, OverlaySpec spec)
    {
        using var font = new SKFont(SKTypeface.Default, 13);
        using var text = new SKPaint { IsAntialias = true, Color = new SKColor(235, 235, 235) };
        const int scaleWidth = 120;
        float scaleLeft = Math.Max(spec.Width - scaleWidth - 48, 0);
        string[] lines = spec.Caption.Split('\n');
        canvas.Save();
        canvas.ClipRect(SKRect.Create(0, 0, Math.Max(scaleLeft - 8, 1), CaptionHeight)); // the first line stops at the scale
        canvas.DrawText(lines[0], 8, 18, SKTextAlign.Left, font, text);
        canvas.Restore();
        if (lines.Length > 1) canvas.DrawText(lines[1], 8, 36, SKTextAlign.Left, font, text);
        using var cell = new SKPaint { IsAntialias = false };
        for (int x = 0; x < scaleWidth; x++)
        {
            cell.Color = Heat((double)x / (scaleWidth - 1));
            canvas.DrawRect(SKRect.Create(scaleLeft + 20 + x, 10, 1, 12), cell);
        }
        canvas.DrawText("0", scaleLeft + 8, 21, SKTextAlign.Left, font, text);
        canvas.DrawText("max", scaleLeft + 24 + scaleWidth, 21, SKTextAlign.Left, font, text);
    }
}
