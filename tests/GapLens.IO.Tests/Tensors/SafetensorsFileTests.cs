using GapLens.Core;
using GapLens.IO.Tensors;
using GapLens.Testing;

namespace GapLens.IO.Tests.Tensors;

public sealed class SafetensorsFileTests
{
    [Theory]
    [InlineData("st_f32.safetensors", TensorDType.Float32)]
    [InlineData("st_f16.safetensors", TensorDType.Float16)]
    [InlineData("st_bf16.safetensors", TensorDType.BFloat16)]
    [InlineData("st_f64.safetensors", TensorDType.Float64)]
    public void ReadsTensorsAndMetadataWrittenFromThePublishedFormat(string file, TensorDType dtype)
    {
        using var f = SafetensorsFile.Open(TensorFixtures.PathOf(file));
        var t = f.Get("embeddings");
        Assert.Equal(dtype, t.DType);
        TensorFixtures.AssertMatches(file, t);
        Assert.Equal("[\"frame_0.jpg\", \"frame_1.jpg\", \"frame_2.jpg\", \"frame_3.jpg\", \"frame_4.jpg\"]", f.Metadata["filenames"]);
    }

    [Fact]
    public void ListsEveryTensorAndRefusesOnlyTheUnreadableDtype()
    {
        using var f = SafetensorsFile.Open(TensorFixtures.PathOf("st_multi.safetensors"));
        Assert.Equal(["a", "ids"], f.Names);
        Assert.Equal("x", f.Metadata["note"]);
        TensorFixtures.AssertMatches("st_multi.safetensors:a", f.Get("a"));
        Assert.Equal("I64", f.DTypeNameOf("ids"));
        var ex = Assert.Throws<UserInputException>(() => f.Get("ids"));
        Assert.Contains("st_multi.safetensors: tensor \"ids\" has dtype I64", ex.Message);
    }

    [Fact]
    public void ATruncatedFileIsAUserErrorBeforeMapping()
    {
        var ex = Assert.Throws<UserInputException>(() => SafetensorsFile.Open(TensorFixtures.PathOf("truncated.safetensors")));
        Assert.Contains("truncated.safetensors", ex.Message);
        Assert.Contains("claims bytes [0, 160) but the file holds 156 bytes of data", ex.Message);
    }

    [Fact]
    public void AHeaderLengthLargerThanTheFileIsAUserError()
    {
        using var dir = new TempDir();
        string p = dir.Combine("bad.safetensors");
        File.WriteAllBytes(p, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F, (byte)'{', (byte)'}']);
        var ex = Assert.Throws<UserInputException>(() => SafetensorsFile.Open(p));
        Assert.Contains("bad.safetensors", ex.Message);
        Assert.Contains("the header length says", ex.Message);
    }

    [Fact]
    public void DataOffsetsThatDisagreeWithTheShapeAreAUserError()
    {
        using var dir = new TempDir();
        string p = dir.Combine("odd.safetensors");
        byte[] header = """{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"""u8.ToArray();
        File.WriteAllBytes(p, [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. new byte[8]]);
        var ex = Assert.Throws<UserInputException>(() => SafetensorsFile.Open(p));
        Assert.Contains("needs 12 bytes but data_offsets give 8", ex.Message);
    }
}
