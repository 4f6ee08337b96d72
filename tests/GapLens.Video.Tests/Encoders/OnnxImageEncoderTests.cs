using GapLens.Core;
using GapLens.Testing;
using GapLens.Video.Encoders;

namespace GapLens.Video.Tests.Encoders;

public sealed class OnnxImageEncoderTests
{
    [Theory]
    [InlineData(16)]
    [InlineData(1)]
    public async Task MatchesNumpyOnLosslessImages(int batch)
    {
        using var enc = OnnxImageEncoder.Create(TinySiglip.VisionModel, new OnnxEncoderOptions(MaxBatchSize: batch));
        var paths = TinySiglip.Images.Select(i => TinySiglip.PathOf(i.GetProperty("file").GetString()!)).ToList();
        var got = (await enc.EncodeAsync(paths, CancellationToken.None));
        for (int i = 0; i < paths.Count; i++) TinySiglip.AssertClose(TinySiglip.Vector(TinySiglip.Images[i], "embedding"), got[i]);
    }

    [Fact]
    public void PixelsAreScaledToMinusOneToOneInChannelPlanes()
    {
        var px = new float[3 * 384 * 384];
        SiglipImagePreprocessor.Load(TinySiglip.PathOf("img_uniform_100x60.png"), px);
        // (200, 30, 90) / 255, minus 0.5, over 0.5, in float as the preprocessor computes it.
        Assert.All(px.AsSpan(0, 384 * 384).ToArray(), v => Assert.Equal((200 / 255f - 0.5f) / 0.5f, v));
        Assert.All(px.AsSpan(384 * 384, 384 * 384).ToArray(), v => Assert.Equal((30 / 255f - 0.5f) / 0.5f, v));
        Assert.All(px.AsSpan(2 * 384 * 384, 384 * 384).ToArray(), v => Assert.Equal((90 / 255f - 0.5f) / 0.5f, v));
    }

    [Fact]
    public async Task AnUnreadableImageIsAUserErrorNamingIt()
    {
        using var dir = new TempDir();
        string bad = dir.File("frame_1.jpg", "not an image");
        using var enc = OnnxImageEncoder.Create(TinySiglip.VisionModel);
        var ex = await Assert.ThrowsAsync<UserInputException>(() => enc.EncodeAsync([bad], CancellationToken.None));
        Assert.Contains("frame_1.jpg cannot be decoded", ex.Message);
    }
}
