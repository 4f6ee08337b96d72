using GapLens.Core;
using GapLens.IO.Tensors;

namespace GapLens.IO.Tests.Tensors;

public sealed class NpyFileTests
{
    [Theory]
    [InlineData("f4_c.npy", TensorDType.Float32)]
    [InlineData("f4_fortran.npy", TensorDType.Float32)]
    [InlineData("f2.npy", TensorDType.Float16)]
    [InlineData("f8.npy", TensorDType.Float64)]
    [InlineData("f4_v2.npy", TensorDType.Float32)]
    [InlineData("f4_v3.npy", TensorDType.Float32)]
    public void ReadsNumpyArraysOfEveryHeaderVersionAndOrder(string file, TensorDType dtype)
    {
        using var f = NpyFile.Open(TensorFixtures.PathOf(file));
        Assert.Equal(dtype, f.Tensor.DType);
        Assert.Equal([""], f.Names);
        TensorFixtures.AssertMatches(file, f.Tensor);
    }

    [Fact]
    public void FortranOrderIsReadThroughColumnMajorStrides()
    {
        using var f = NpyFile.Open(TensorFixtures.PathOf("f4_fortran.npy"));
        Assert.Equal<long>([1L, 5L], f.Tensor.Strides);
        Assert.False(f.Tensor.HasContiguousRows);
    }

    [Theory]
    [InlineData("i8.npy", "'<i8' is not readable")]
    [InlineData("f4_be.npy", "big-endian")]
    [InlineData("truncated.npy", "but the file holds 150 bytes of data")]
    public void RefusesUnreadableFilesWithOneLineNamingThem(string file, string expected)
    {
        var ex = Assert.Throws<UserInputException>(() => NpyFile.Open(TensorFixtures.PathOf(file)));
        Assert.Contains(file, ex.Message);
        Assert.Contains(expected, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void AHeaderClaimingAHugeShapeFailsBeforeAllocating()
    {
        using var dir = new GapLens.Testing.TempDir();
        string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (4000000000000, 1152), }";
        header = header.PadRight(117) + "\n";
        byte[] bytes = [0x93, .. "NUMPY"u8, 1, 0, (byte)header.Length, 0, .. System.Text.Encoding.ASCII.GetBytes(header), 1, 2, 3, 4];
        string p = dir.Combine("huge.npy");
        File.WriteAllBytes(p, bytes);
        var ex = Assert.Throws<UserInputException>(() => NpyFile.Open(p));
        Assert.Contains("huge.npy", ex.Message);
        Assert.Contains("(4000000000000, 1152)", ex.Message);
    }

    [Fact]
    public void NotAnNpyFileIsAUserError()
    {
        var ex = Assert.Throws<UserInputException>(() => NpyFile.Open(TensorFixtures.PathOf("emb.json")));
        Assert.Contains("not an .npy file", ex.Message);
    }
}
