using GapLens.Core;
using GapLens.Reporting.Images;
using GapLens.Testing;
using SkiaSharp;

namespace GapLens.Reporting.Tests.Images;

public sealed class ThumbnailsTests : TempDirTest
{
    [Fact]
    public void AnImageOverThePixelLimitIsNotDecodedAndSaysWhy()
    {
        // 875 KB on disk as the file, 3.6 GB once decoded: the header says so first.
        string big = LargePng.Write(Dir.Combine("big.png"), 30000, 30000);
        var (png, problem) = Thumbnails.Make(big);
        Assert.Null(png);
        Assert.Equal($"image {big} is 30000x30000 pixels (900 megapixels), over the 100 megapixel limit for one image; raise it with the environment variable GAPLENS_MAX_IMAGE_PIXELS if it is meant to be decoded", problem);
    }

    [Fact]
    public void TheLimitIsTheOneGivenAndAnImageWithinItIsThumbnailed()
    {
        string path = LargePng.Write(Dir.Combine("w.png"), 300, 200);
        var (png, problem) = Thumbnails.Make(path, ResourceLimits.Defaults with { MaxImagePixels = 60_000 });
        Assert.Null(problem);
        using var thumb = SKBitmap.Decode(png);
        Assert.Equal((Thumbnails.Size, Thumbnails.Size), (thumb.Width, thumb.Height));
        Assert.StartsWith($"image {path} is 300x200 pixels", Thumbnails.Make(path, ResourceLimits.Defaults with { MaxImagePixels = 59_999 }).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingImageIsListedAndAnUnreadableOneIsAUserError()
    {
        Assert.Equal((null, "image not found"), Thumbnails.Make(Dir.Combine("none.png")));
        string bad = Dir.File("bad.png", "not a png");
        Assert.Equal($"image {bad} exists but is not a readable image (PNG, JPEG, BMP, GIF or WebP expected)",
            Assert.Throws<UserInputException>(() => Thumbnails.Make(bad)).Message);
    }
}
