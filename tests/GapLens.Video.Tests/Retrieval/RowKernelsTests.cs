using System.Numerics.Tensors;
using GapLens.Video.Retrieval;

namespace GapLens.Video.Tests.Retrieval;

public sealed class RowKernelsTests
{
    [Fact]
    public void WidensEveryHalfValueExactly()
    {
        var all = Enumerable.Range(0, 65536).Select(i => BitConverter.UInt16BitsToHalf((ushort)i)).ToArray();
        var got = new float[all.Length];
        RowKernels.HalfToSingle(all, got);
        for (int i = 0; i < all.Length; i++)
        {
            float want = (float)all[i];
            if (float.IsNaN(want)) Assert.True(float.IsNaN(got[i]), $"half 0x{i:X4}");
            else Assert.Equal(BitConverter.SingleToInt32Bits(want), BitConverter.SingleToInt32Bits(got[i]));
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(1152)]
    [InlineData(1153)]
    public void TheFusedKernelAgreesWithSeparateDotAndSumOfSquares(int n)
    {
        var rng = new Random(n);
        float[] x = [.. Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble() - 0.5f)];
        float[] q = [.. Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble() - 0.5f)];
        var (dot, ss) = RowKernels.DotAndSumSquares(x, q);
        Assert.Equal(x.Zip(q, (a, b) => (double)a * b).Sum(), dot, 1e-5);
        Assert.Equal(TensorPrimitives.SumOfSquares<float>(x), ss, 1e-4f);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(1152)]
    [InlineData(1161)]
    public void TheHalfKernelEqualsWideningThenTheFloatKernel(int n)
    {
        var rng = new Random(n);
        Half[] x = [.. Enumerable.Range(0, n).Select(_ => (Half)(rng.NextDouble() - 0.5))];
        float[] q = [.. Enumerable.Range(0, n).Select(_ => (float)rng.NextDouble() - 0.5f)];
        var wide = new float[n];
        RowKernels.HalfToSingle(x, wide);
        Assert.Equal(RowKernels.DotAndSumSquares(wide, q), RowKernels.DotAndSumSquares(x, q));
    }
}
