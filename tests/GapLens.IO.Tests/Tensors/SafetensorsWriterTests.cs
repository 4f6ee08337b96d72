using GapLens.IO.Tensors;
using GapLens.Testing;

namespace GapLens.IO.Tests.Tensors;

public sealed class SafetensorsWriterTests
{
    [Fact]
    public void WritesByteForByteWhatThePythonFixtureWriterWrites()
    {
        using var dir = new TempDir();
        var (shape, values) = TensorFixtures.Of("st_f32.safetensors");
        string p = dir.Combine("out.safetensors");
        var meta = new Dictionary<string, string> { ["filenames"] = File.ReadAllText(TensorFixtures.PathOf("emb.json")) };
        // The fixture's JSON list uses ", " separators like json.dumps; the metadata is an opaque string.
        SafetensorsWriter.Write(p, "embeddings", values.Select(v => (float)v).ToArray(), shape, TensorDType.Float32, meta);
        Assert.Equal(File.ReadAllBytes(TensorFixtures.PathOf("st_f32.safetensors")), File.ReadAllBytes(p));
    }

    [Theory]
    [InlineData(TensorDType.Float32)]
    [InlineData(TensorDType.Float16)]
    [InlineData(TensorDType.BFloat16)]
    [InlineData(TensorDType.Float64)]
    public void RoundTripsEveryDtypeWrittenInPieces(TensorDType dtype)
    {
        using var dir = new TempDir();
        string p = dir.Combine("x.safetensors");
        float[] a = [.. Enumerable.Range(0, 12).Select(i => i * 0.25f - 1)];
        float[] b = [3.5f, -2f];
        using (var w = SafetensorsWriter.Create(p, [new("a", dtype, [3, 4]), new("empty", dtype, [0, 4]), new("b", dtype, [2])], new Dictionary<string, string> { ["k"] = "v" }))
        {
            w.Append(a.AsSpan(0, 5));
            w.Append(a.AsSpan(5));
            w.Append(b);
            w.Commit();
        }
        using var f = SafetensorsFile.Open(p);
        Assert.Equal(["a", "empty", "b"], f.Names);
        Assert.Equal(a, f.Get("a").ToArray());
        Assert.Equal(0, f.Get("empty").ElementCount);
        Assert.Equal(b, f.Get("b").ToArray());
        Assert.Equal(dtype, f.Get("a").DType);
        Assert.Equal("v", f.Metadata["k"]);
        Assert.Equal(["x.safetensors"], dir.ListFiles());
    }

    [Fact]
    public void AnUncommittedWriteLeavesNoFileBehind()
    {
        using var dir = new TempDir();
        string p = dir.Combine("x.safetensors");
        using (var w = SafetensorsWriter.Create(p, [new("a", TensorDType.Float32, [4])]))
        {
            w.Append([1f, 2f]);
            Assert.Throws<InvalidOperationException>(w.Commit);
        }
        Assert.Empty(dir.ListFiles());
    }

    [Fact]
    public void BFloat16NarrowingRoundsToNearestEvenLikeTorch()
    {
        // torch.tensor([1.00390625, 1.01171875, -3.3, 65504.0]).bfloat16().float() == [1.0, 1.015625, -3.296875, 65536.0]
        float[] input = [1.00390625f, 1.01171875f, -3.3f, 65504f];
        float[] expected = [1.0f, 1.015625f, -3.296875f, 65536f];
        Assert.Equal(expected, input.Select(v => BFloat16Bits.ToSingle(BFloat16Bits.FromSingle(v))));
    }
}
