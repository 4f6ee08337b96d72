using GapLens.Core;
using GapLens.IO.Tensors;

namespace GapLens.IO.Tests.Tensors;

public sealed class TorchFileTests
{
    [Theory]
    [InlineData("f32.pt", TensorDType.Float32)]
    [InlineData("f16.pt", TensorDType.Float16)]
    [InlineData("bf16.pt", TensorDType.BFloat16)]
    [InlineData("cuda.pt", TensorDType.Float32)]
    public void ReadsTorchSavedEmbeddingsWithTheirDtype(string file, TensorDType dtype)
    {
        using var f = TorchFile.Open(TensorFixtures.PathOf(file));
        var t = f.Get("embeddings");
        Assert.Equal(dtype, t.DType);
        Assert.True(t.IsContiguous);
        TensorFixtures.AssertMatches(file, t);
        var root = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(f.Root);
        Assert.Equal(TensorFixtures.Filenames, Assert.IsAssignableFrom<IReadOnlyList<object?>>(root["filenames"]).Cast<string>());
    }

    [Fact]
    public void HonoursTheStorageOffsetAndRowStrideOfASavedSlice()
    {
        using var f = TorchFile.Open(TensorFixtures.PathOf("view_offset.pt"));
        var t = f.Get("embeddings");
        Assert.Equal(21, t.StorageOffset);
        Assert.Equal<long>([10L, 1L], t.Strides);
        Assert.False(t.IsContiguous);
        Assert.True(t.HasContiguousRows);
        TensorFixtures.AssertMatches("view_offset.pt", t);
    }

    [Fact]
    public void ReadsATransposedTensorThroughItsStrides()
    {
        using var f = TorchFile.Open(TensorFixtures.PathOf("transposed.pt"));
        var t = f.Get("embeddings");
        Assert.Equal<long>([1L, 5L], t.Strides);
        Assert.False(t.HasContiguousRows);
        TensorFixtures.AssertMatches("transposed.pt", t);
        var row = new float[8];
        t.ReadRow(3, row);
        var (_, values) = TensorFixtures.Of("transposed.pt");
        Assert.Equal(values.Skip(24).Take(8).Select(v => (float)v), row);
    }

    [Fact]
    public void ReadsANestedObjectWithSharedStoragesAndAFiveDimensionalAttentionMap()
    {
        using var f = TorchFile.Open(TensorFixtures.PathOf("multi.pt"));
        // A plain dict loses its order in the pickle runtime: keys are visited sorted.
        Assert.Equal(["a", "attention", "b", "items.0"], f.Names);
        TensorFixtures.AssertMatches("multi.pt:a", f.Get("a"));
        TensorFixtures.AssertMatches("multi.pt:b", f.Get("b"));
        TensorFixtures.AssertMatches("multi.pt:items.0", f.Get("items.0"));
        var attention = f.Get("attention");
        Assert.Equal(TensorDType.Float16, attention.DType);
        TensorFixtures.AssertMatches("multi.pt:attention", attention);
        // One head of one layer: [frames][h][w]; row (frame 2, y 4) of it.
        var head = attention.Select(0, 1).Select(0, 2);
        Assert.Equal<long>([4L, 5L, 6L], head.Shape);
        var (_, values) = TensorFixtures.Of("multi.pt:attention");
        var row = new float[6];
        head.ReadRow(2 * 5 + 4, row);
        int start = ((1 * 3 + 2) * 4 + 2) * 5 * 6 + 4 * 6;
        Assert.Equal(values.Skip(start).Take(6).Select(v => (float)v), row);
        Assert.Equal((float)values[start + 5], attention.GetFloat(1, 2, 2, 4, 5));
        var root = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object?>>(f.Root);
        Assert.Equal(7L, root["count"]);
        var items = Assert.IsAssignableFrom<IReadOnlyList<object?>>(root["items"]);
        Assert.Equal(new object?[] { 1L, 2.5, null, true, "s" }, Assert.IsAssignableFrom<IReadOnlyList<object?>>(items[1]));
    }

    [Fact]
    public void ExplainsThatALegacyFileMustBeResavedWithANewerTorch()
    {
        var ex = Assert.Throws<UserInputException>(() => TorchFile.Open(TensorFixtures.PathOf("legacy.pt")));
        Assert.Contains("legacy.pt", ex.Message);
        Assert.Contains("unsupported legacy torch format", ex.Message);
        Assert.Contains("re-save it with torch >= 1.6", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Throws<UserInputException>(() => TensorFiles.Open(TensorFixtures.PathOf("legacy.pt")));
    }

    [Fact]
    public void RefusesAnIntegerTensorNamingTheFileAndDtype()
    {
        using var f = TorchFile.Open(TensorFixtures.PathOf("int64.pt"));
        var ex = Assert.Throws<UserInputException>(() => f.Get("embeddings"));
        Assert.Contains("int64.pt", ex.Message);
        Assert.Contains("LongStorage", ex.Message);
    }

    [Fact]
    public void ATruncatedFileIsAUserErrorNamingIt()
    {
        var ex = Assert.Throws<UserInputException>(() => TorchFile.Open(TensorFixtures.PathOf("truncated.pt")));
        Assert.Contains("truncated.pt", ex.Message);
        Assert.Contains("cut short", ex.Message);
    }

    [Fact]
    public void AShapeLargerThanTheStorageIsAUserErrorBeforeAnyRead()
    {
        var ex = Assert.Throws<UserInputException>(() => TorchFile.Open(TensorFixtures.PathOf("oversize.pt")));
        Assert.Contains("oversize.pt", ex.Message);
        Assert.Contains("needs 400 elements but the data holds 40", ex.Message);
    }

    [Fact]
    public void AViewOutlivingItsFileThrowsInsteadOfReadingUnmappedMemory()
    {
        TensorView t;
        using (var f = TorchFile.Open(TensorFixtures.PathOf("f32.pt"))) t = f.Get("embeddings");
        Assert.Throws<ObjectDisposedException>(() => t.GetFloat(0, 0));
    }

    [Fact]
    public void AMissingTensorNameListsTheTensorsThere()
    {
        using var f = TorchFile.Open(TensorFixtures.PathOf("f32.pt"));
        var ex = Assert.Throws<UserInputException>(() => f.Get("weights"));
        Assert.Contains("no tensor \"weights\" (tensors: embeddings)", ex.Message);
    }
}
