using GapLens.Testing;
using GapLens.Video.Agent;
using SkiaSharp;

namespace GapLens.Video.Tests.Agent;

/// <summary>
/// --image-max-side: a larger frame is shrunk to fit (aspect kept) and re-encoded as JPEG with its
/// colours; a frame already small enough is sent byte for byte; a file that is not an image is a user error.
/// </summary>
public sealed class FrameImageLoaderTests : TempDirTest
{
    private string Jpeg(string name, int width, int height, SKColor color)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 95);
        string path = Dir.Combine(name);
        File.WriteAllBytes(path, data.ToArray());
        return path;
    }

    [Theory]
    [InlineData(640, 360, 448, 448, 252)]
    [InlineData(640, 360, 160, 160, 90)]
    [InlineData(360, 640, 100, 56, 100)]
    public async Task ALargerFrameIsShrunkToFitAndKeepsItsColour(int width, int height, int side, int expectedWidth, int expectedHeight)
    {
        string path = Jpeg("f.jpg", width, height, new SKColor(200, 40, 60));
        var (bytes, media) = await new FrameImageLoader(side).LoadAsync(path, CancellationToken.None);
        Assert.Equal("image/jpeg", media);
        using var decoded = SKBitmap.Decode(bytes);
        Assert.Equal((expectedWidth, expectedHeight), (decoded.Width, decoded.Height));
        var c = decoded.GetPixel(decoded.Width / 2, decoded.Height / 2);
        Assert.InRange(c.Red, 190, 210);
        Assert.InRange(c.Green, 30, 50);
        Assert.InRange(c.Blue, 50, 70);
    }

    [Fact]
    public async Task AFrameWithinTheLimitIsSentAsItIs()
    {
        string path = Jpeg("small.jpg", 64, 36, SKColors.Gray);
        var (bytes, media) = await new FrameImageLoader(64).LoadAsync(path, CancellationToken.None);
        Assert.Equal(File.ReadAllBytes(path), bytes);
        Assert.Equal("image/jpeg", media);
        var png = Dir.Combine("p.png");
        File.WriteAllBytes(png, VideoQaFixture.Png(16, 12, 1, 2, 3));
        Assert.Equal("image/png", (await new FrameImageLoader(null).LoadAsync(png, CancellationToken.None)).MediaType);
    }

    [Fact]
    public async Task AFileThatIsNotAnImageIsAUserErrorNamingIt()
    {
        string path = Dir.File("frame_3.jpg", "not an image");
        var ex = await Assert.ThrowsAsync<GapLens.Core.UserInputException>(() => new FrameImageLoader(100).LoadAsync(path, CancellationToken.None));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}
