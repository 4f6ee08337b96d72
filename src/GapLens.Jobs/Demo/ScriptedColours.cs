using SkiaSharp;

namespace GapLens.Jobs.Demo;

/// <summary>
/// The "vision" of the demo's scripted model: the six colours of the demo videos' events plus grey,
/// a colour read from an image (its mean pixel), and 7-dimensional embeddings of texts and images in
/// which a colour word and a frame of that colour point the same way (so similarity search works for
/// real on the demo's frames). A text without a known colour word embeds as the grey street scene.
/// </summary>
internal static class ScriptedColours
{
    public const string Grey = "grey";

    /// <summary>The event colours as the sample script draws them (samples/videoqa/make_videoqa_sample.py), then grey.</summary>
    public static readonly IReadOnlyList<(string Name, byte R, byte G, byte B)> Palette =
    [
        ("red", 220, 30, 30), ("green", 30, 170, 60), ("blue", 40, 70, 220),
        ("yellow", 235, 215, 40), ("magenta", 210, 40, 200), ("cyan", 40, 200, 215),
    ];

    public static int Dimension => Palette.Count + 1;

    /// <summary>The first colour word of <paramref name="text"/> (whole words, any case), or null.</summary>
    public static string? FirstColourWord(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split([' ', '\t', '\n', '\r', '.', ',', '?', '!', ':', ';', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries);
        foreach (string w in words)
        {
            if (Palette.Any(p => string.Equals(p.Name, w, StringComparison.OrdinalIgnoreCase))) return w.ToLowerInvariant();
        }
        return null;
    }

    /// <summary>A text's embedding: one-hot on its first colour word, else on grey.</summary>
    public static float[] EmbedText(string text)
    {
        string? colour = FirstColourWord(text);
        var v = new float[Dimension];
        int hot = colour is null ? Palette.Count : Palette.Select(p => p.Name).ToList().IndexOf(colour);
        v[hot] = 1f;
        return v;
    }

    /// <summary>An image's embedding from its mean colour: closeness to each event colour, and greyness.</summary>
    public static float[] EmbedImage(ReadOnlySpan<byte> encoded)
    {
        var (r, g, b) = MeanColour(encoded);
        var v = new float[Dimension];
        for (int i = 0; i < Palette.Count; i++)
        {
            var p = Palette[i];
            double d2 = (Math.Pow(r - p.R, 2) + Math.Pow(g - p.G, 2) + Math.Pow(b - p.B, 2)) / (255.0 * 255.0);
            v[i] = (float)(Math.Exp(-d2 / (2 * 0.2 * 0.2)) + 0.02);
        }
        double saturation = (Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b))) / 255.0;
        v[Palette.Count] = (float)(Math.Exp(-saturation * saturation / (2 * 0.03 * 0.03)) + 0.02);
        return v;
    }

    /// <summary>The colour an image shows: grey when its mean pixel is unsaturated, else the nearest event colour.</summary>
    public static string ColourOf(ReadOnlySpan<byte> encoded)
    {
        var (r, g, b) = MeanColour(encoded);
        if (Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b)) < 0.25 * 255) return Grey;
        return Palette.MinBy(p => Math.Pow(r - p.R, 2) + Math.Pow(g - p.G, 2) + Math.Pow(b - p.B, 2)).Name;
    }

    /// <summary>The mean pixel of an encoded image (JPEG, PNG, ...).</summary>
    public static (double R, double G, double B) MeanColour(ReadOnlySpan<byte> encoded)
    {
        using var bitmap = SKBitmap.Decode(encoded) ?? throw new FormatException("an image the scripted model cannot decode");
        double r = 0, g = 0, b = 0;
        for (int y = 0; y < bitmap.Height; y++)
        {
            for (int x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                r += c.Red;
                g += c.Green;
                b += c.Blue;
            }
        }
        double n = Math.Max(1, bitmap.Width * bitmap.Height);
        return (r / n, g / n, b / n);
    }
}
