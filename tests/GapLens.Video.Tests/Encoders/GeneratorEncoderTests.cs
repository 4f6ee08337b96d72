using GapLens.Core;
using GapLens.Testing;
using GapLens.Video.Encoders;

namespace GapLens.Video.Tests.Encoders;

public sealed class GeneratorEncoderTests
{
    private static float[] Embed(string s) => [s.Length, 1f, s.Length % 2];

    [Fact]
    public async Task BatchesTheTextsAndNormalisesEachVector()
    {
        var gen = new FakeEmbeddingGenerator(Embed);
        var enc = new GeneratorTextEncoder(gen, new GeneratorEncoderOptions(MaxBatchSize: 2));
        var v = await enc.EncodeAsync(["abc", "de", "f", "ghij", "k"], CancellationToken.None);
        Assert.Equal([2, 2, 1], gen.Calls.Select(c => c.Count));
        Assert.Equal(["abc", "de", "f", "ghij", "k"], gen.Calls.SelectMany(c => c));
        Assert.Equal(5, v.Count);
        double n = Math.Sqrt(3 * 3 + 1 + 1);
        Assert.Equal([(float)(3 / n), (float)(1 / n), (float)(1 / n)], v[0]);
        Assert.All(v, x => Assert.Equal(1.0, Math.Sqrt(x.Sum(y => (double)y * y)), 1e-6));
        Assert.Equal("embeddings-endpoint-text:model fake-embed", enc.Identity);
    }

    [Fact]
    public void TheImageEncodersIdentityNamesTheModelAndNotTheServersAddress()
    {
        static string Of(string url, string? model, string? name = null) =>
            new GeneratorImageEncoder(new FakeEmbeddingGenerator(Embed) { Provider = new Uri(url), ModelId = model }, new GeneratorEncoderOptions(Name: name)).Identity;
        Assert.Equal("embeddings-endpoint-image:model siglip-a", Of("http://127.0.0.1:9/v1", "siglip-a"));
        Assert.NotEqual(Of("http://127.0.0.1:9/v1", "siglip-a"), Of("http://127.0.0.1:9/v1", "siglip-b"));
        Assert.Equal(Of("http://127.0.0.1:9/v1", "siglip-a"), Of("http://127.0.0.1:40123/v1", "siglip-a"));
        Assert.Equal("embeddings-endpoint-image:model siglip-a", Of("http://127.0.0.1:9/v1", "siglip-a", name: "my server"));
        Assert.NotEqual(new GeneratorTextEncoder(new FakeEmbeddingGenerator(Embed) { ModelId = "siglip-a" }).Identity, Of("http://127.0.0.1:9/v1", "siglip-a"));
    }

    [Fact]
    public void WithoutAModelIdTheIdentityFallsBackToTheEndpointsName()
    {
        Assert.Equal("embeddings-endpoint-image:fake http://127.0.0.1:9/v1", new GeneratorImageEncoder(new FakeEmbeddingGenerator(Embed) { ModelId = null }, new GeneratorEncoderOptions(Name: "fake http://127.0.0.1:9/v1")).Identity);
        Assert.Equal("embeddings-endpoint-image:FakeEmbeddingGenerator", new GeneratorImageEncoder(new FakeEmbeddingGenerator(Embed) { NoMetadata = true }).Identity);
    }

    [Fact]
    public async Task AShortReplyIsAUserErrorNamingTheEndpoint()
    {
        var enc = new GeneratorTextEncoder(new FakeEmbeddingGenerator(Embed) { Drop = true });
        var ex = await Assert.ThrowsAsync<UserInputException>(() => enc.EncodeAsync(["a", "b"], CancellationToken.None));
        Assert.Contains("http://127.0.0.1:9/v1 fake-embed returned 1 embeddings for 2 inputs", ex.Message);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(float.NaN)]
    public async Task ZeroOrNonFiniteVectorsAreUserErrors(float value)
    {
        var enc = new GeneratorTextEncoder(new FakeEmbeddingGenerator(_ => [value, value]), new GeneratorEncoderOptions(Name: "test-endpoint"));
        var ex = await Assert.ThrowsAsync<UserInputException>(() => enc.EncodeAsync(["a"], CancellationToken.None));
        Assert.Contains("embeddings endpoint test-endpoint returned", ex.Message);
    }

    [Fact]
    public async Task MixedDimensionsAreAUserError()
    {
        var enc = new GeneratorTextEncoder(new FakeEmbeddingGenerator(s => s == "a" ? [1f, 2f] : [1f, 2f, 3f]));
        var ex = await Assert.ThrowsAsync<UserInputException>(() => enc.EncodeAsync(["a", "b"], CancellationToken.None));
        Assert.Contains("dimension 2 and 3", ex.Message);
    }

    [Fact]
    public async Task NoTextsMakeNoRequest()
    {
        var gen = new FakeEmbeddingGenerator(Embed);
        Assert.Empty(await new GeneratorTextEncoder(gen).EncodeAsync([], CancellationToken.None));
        Assert.Empty(gen.Calls);
    }

    [Fact]
    public async Task ImagesAreSentAsDataUrls()
    {
        using var dir = new TempDir();
        string jpg = dir.File("frame_0.jpg", "JPEGDATA");
        string png = dir.File("frame_1.png", "PNGDATA");
        var gen = new FakeEmbeddingGenerator(Embed);
        var v = await new GeneratorImageEncoder(gen).EncodeAsync([jpg, png], CancellationToken.None);
        Assert.Equal(2, v.Count);
        Assert.Equal(["data:image/jpeg;base64," + Convert.ToBase64String("JPEGDATA"u8.ToArray()), "data:image/png;base64," + Convert.ToBase64String("PNGDATA"u8.ToArray())], gen.Calls.Single());
        var ex = await Assert.ThrowsAsync<UserInputException>(() => new GeneratorImageEncoder(gen).EncodeAsync([dir.Combine("missing.jpg")], CancellationToken.None));
        Assert.Contains("missing.jpg cannot be read", ex.Message);
    }
}
