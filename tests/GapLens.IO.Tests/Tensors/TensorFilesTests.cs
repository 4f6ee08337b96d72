using GapLens.IO.Tensors;

namespace GapLens.IO.Tests.Tensors;

public sealed class TensorFilesTests
{
    [Theory]
    [InlineData("f4_c.npy", typeof(NpyFile))]
    [InlineData("f32.pt", typeof(TorchFile))]
    [InlineData("st_f32.safetensors", typeof(SafetensorsFile))]
    public void RecognisesTheFormatFromTheFirstBytes(string file, Type expected)
    {
        using var f = TensorFiles.Open(TensorFixtures.PathOf(file));
        Assert.IsType(expected, f);
        TensorFixtures.AssertMatches(file, f.Get(f.Names[0]));
    }
}
