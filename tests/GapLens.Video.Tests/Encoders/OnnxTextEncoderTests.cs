using GapLens.Core;
using GapLens.Video.Encoders;

namespace GapLens.Video.Tests.Encoders;

public sealed class OnnxTextEncoderTests
{
    private static readonly string[] Texts = [.. TinySiglip.Queries.Select(q => q.GetProperty("text").GetString()!)];

    [Theory]
    [InlineData(32)]
    [InlineData(3)]
    [InlineData(1)]
    public async Task MaxLengthPaddingMatchesNumpyWhateverTheBatchSize(int batch)
    {
        using var enc = OnnxTextEncoder.Create(TinySiglip.TextModel, TinySiglip.Spiece, TextPadding.MaxLength, new OnnxEncoderOptions(IntraOpThreads: 1, MaxBatchSize: batch));
        var got = (await enc.EncodeAsync(Texts, CancellationToken.None));
        for (int i = 0; i < Texts.Length; i++) TinySiglip.AssertClose(TinySiglip.Vector(TinySiglip.Queries[i], "max_length"), got[i]);
        Assert.Equal(16, enc.Dimension);
    }

    [Fact]
    public async Task LongestPaddingMatchesTheReferenceScriptsBehaviour()
    {
        using var enc = OnnxTextEncoder.Create(TinySiglip.TextModel, TinySiglip.Spiece, TextPadding.Longest, new OnnxEncoderOptions(MaxBatchSize: 2));
        var batch = (await enc.EncodeAsync(Texts, CancellationToken.None));
        for (int i = 0; i < Texts.Length; i++) TinySiglip.AssertClose(TinySiglip.Vector(TinySiglip.Queries[i], "longest_in_batch"), batch[i]);
        // One query alone is not padded at all.
        var single = (await enc.EncodeAsync([Texts[0]], CancellationToken.None))[0];
        TinySiglip.AssertClose(TinySiglip.Vector(TinySiglip.Queries[0], "unpadded"), single);
    }

    [Fact]
    public void ThePaddingModeChangesTheEmbeddingBecauseSiglipPoolsTheLastPosition()
    {
        var a = TinySiglip.Vector(TinySiglip.Queries[0], "max_length");
        var b = TinySiglip.Vector(TinySiglip.Queries[0], "unpadded");
        Assert.True(a.Zip(b, (x, y) => Math.Abs(x - y)).Max() > 0.01);
    }

    [Fact]
    public async Task EmbeddingsAreUnitLengthAndConcurrentCallsAgree()
    {
        using var enc = OnnxTextEncoder.Create(TinySiglip.TextModel, TinySiglip.Spiece);
        var expected = (await enc.EncodeAsync(Texts, CancellationToken.None));
        Assert.All(expected, v => Assert.Equal(1.0, Math.Sqrt(v.Sum(x => (double)x * x)), 1e-6));
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => enc.EncodeAsync(Texts, CancellationToken.None))));
        foreach (var r in results)
        {
            for (int i = 0; i < Texts.Length; i++) Assert.Equal(expected[i], r[i]);
        }
    }

    [Fact]
    public async Task NoTextsGiveNoEmbeddings()
    {
        using var enc = OnnxTextEncoder.Create(TinySiglip.TextModel, TinySiglip.Spiece);
        Assert.Empty((await enc.EncodeAsync([], CancellationToken.None)));
    }

    [Fact]
    public void AModelWithOtherInputsIsAUserErrorNamingThem()
    {
        var ex = Assert.Throws<UserInputException>(() => OnnxTextEncoder.Create(TinySiglip.VisionModel, TinySiglip.Spiece));
        Assert.Contains("vision_model.onnx has inputs pixel_values; expected \"input_ids\"", ex.Message);
        var missing = Assert.Throws<UserInputException>(() => OnnxTextEncoder.Create("/nonexistent/text.onnx", TinySiglip.Spiece));
        Assert.Contains("text model not found", missing.Message);
        var notOnnx = Assert.Throws<UserInputException>(() => OnnxTextEncoder.Create(TinySiglip.Spiece, TinySiglip.Spiece));
        Assert.Contains("is not a loadable ONNX model", notOnnx.Message);
    }

    [Fact]
    public void IdentityNamesTheModelAndThePadding()
    {
        using var a = OnnxTextEncoder.Create(TinySiglip.TextModel, TinySiglip.Spiece);
        using var b = OnnxTextEncoder.Create(TinySiglip.TextModel, TinySiglip.Spiece, TextPadding.Longest);
        Assert.StartsWith("siglip-onnx-text:text_model.onnx:", a.Identity, StringComparison.Ordinal);
        Assert.EndsWith("padding=max_length:64", a.Identity, StringComparison.Ordinal);
        Assert.NotEqual(a.Identity, b.Identity);
    }
}
