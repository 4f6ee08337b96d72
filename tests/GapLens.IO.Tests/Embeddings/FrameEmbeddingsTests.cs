using GapLens.Core;
using GapLens.IO.Embeddings;
using GapLens.IO.Tensors;
using GapLens.IO.Tests.Tensors;
using GapLens.Testing;

namespace GapLens.IO.Tests.Embeddings;

public sealed class FrameEmbeddingsTests
{
    [Theory]
    [InlineData("f32.pt")]
    [InlineData("bf16.pt")]
    [InlineData("view_offset.pt")]
    [InlineData("transposed.pt")]
    [InlineData("cuda.pt")]
    [InlineData("st_f16.safetensors")]
    [InlineData("emb.npy")]
    public void OpensEveryLayoutWithItsFilenames(string file)
    {
        using var e = FrameEmbeddings.Open(TensorFixtures.PathOf(file));
        Assert.Equal(TensorFixtures.Filenames, e.Filenames);
        Assert.Equal(5, e.Rows);
        Assert.Equal(8, e.Dimension);
        TensorFixtures.AssertMatches(file, e.Matrix);
    }

    [Theory]
    [InlineData("count_mismatch.safetensors", "4 filenames for 5 embedding rows")]
    [InlineData("nan.safetensors", "row 1 (frame_1.jpg), column 4 is NaN")]
    [InlineData("inf.pt", "row 3 (frame_3.jpg), column 2 is ∞")]
    [InlineData("legacy.pt", "unsupported legacy torch format")]
    [InlineData("int64.pt", "has dtype LongStorage")]
    [InlineData("f4_c.npy", "f4_c.json is missing")]
    [InlineData("emb.json", "unknown embeddings file type")]
    public void BadFilesAreOneLineUserErrorsNamingTheFile(string file, string expected)
    {
        var ex = Assert.Throws<UserInputException>(() => FrameEmbeddings.Open(TensorFixtures.PathOf(file)));
        Assert.Contains(file, ex.Message);
        Assert.Contains(expected, ex.Message.Replace("Infinity", "∞", StringComparison.Ordinal));
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void NonFiniteMessagesUseTheInvariantCulture()
    {
        var culture = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var ex = Assert.Throws<UserInputException>(() => FrameEmbeddings.Open(TensorFixtures.PathOf("nan.safetensors")));
            Assert.Contains("is NaN", ex.Message);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = culture;
        }
    }

    [Fact]
    public void FindsAVideosFileByKeyPreferringSafetensors()
    {
        using var dir = new TempDir();
        File.Copy(TensorFixtures.PathOf("f32.pt"), dir.Combine("vid.pt"));
        File.Copy(TensorFixtures.PathOf("st_f32.safetensors"), dir.Combine("vid.safetensors"));
        Assert.Equal(dir.Combine("vid.safetensors"), FrameEmbeddingFiles.Find(dir.Path, "vid"));
        using (var e = FrameEmbeddingFiles.OpenForKey(dir.Path, "vid")) Assert.Equal(TensorDType.Float32, e.Matrix.DType);
        var ex = Assert.Throws<UserInputException>(() => FrameEmbeddingFiles.OpenForKey(dir.Path, "other"));
        Assert.Contains("no embeddings for video \"other\"", ex.Message);
        Assert.Contains("other.safetensors, other.pt, other.npy", ex.Message);
    }

    [Fact]
    public void TheNpySidecarMayBeAnObjectWithFilenames()
    {
        using var dir = new TempDir();
        File.Copy(TensorFixtures.PathOf("emb.npy"), dir.Combine("v.npy"));
        dir.File("v.json", """{"filenames": ["a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg"]}""");
        using var e = FrameEmbeddings.Open(dir.Combine("v.npy"));
        Assert.Equal<string>(["a.jpg", "b.jpg", "c.jpg", "d.jpg", "e.jpg"], e.Filenames);
    }

    [Fact]
    public void FilenamesAreWrittenAsTheSerializerWroteThemAndReadBack()
    {
        string[] names = ["frame_000001.jpg", "naïve \"quoted\" <b>&amp;</b>.jpg", "日本語.jpg", "tab\there.jpg", "back\\slash.jpg", ""];
        string json = FrameEmbeddingFiles.FormatFilenames(names);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(names), json);
        Assert.Equal<string>(names, FrameEmbeddingFiles.ParseFilenames(json, "x.safetensors", "metadata"));
        Assert.Equal("[]", FrameEmbeddingFiles.FormatFilenames([]));
    }
}
