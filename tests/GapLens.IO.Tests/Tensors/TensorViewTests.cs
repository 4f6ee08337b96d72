using GapLens.IO.Tensors;

namespace GapLens.IO.Tests.Tensors;

public sealed class TensorViewTests
{
    private static readonly float[] Data = [.. Enumerable.Range(0, 24).Select(i => (float)i)];

    [Fact]
    public void SelectSliceAndPermuteAddressTheSameElementsAsNumpy()
    {
        var t = TensorView.FromArray(Data, 2, 3, 4);
        Assert.Equal(23f, t.GetFloat(1, 2, 3));
        var s = t.Select(0, 1);                      // a[1]
        Assert.Equal<long>([3L, 4L], s.Shape);
        Assert.Equal(16f, s.GetFloat(1, 0));
        var sl = t.Slice(2, 1, 2);                   // a[:, :, 1:3]
        Assert.Equal([1f, 2f, 5f, 6f, 9f, 10f, 13f, 14f, 17f, 18f, 21f, 22f], sl.ToArray());
        var p = t.Permute(2, 0, 1);                  // a.transpose(2, 0, 1)
        Assert.Equal<long>([4L, 2L, 3L], p.Shape);
        Assert.Equal(t.GetFloat(1, 2, 3), p.GetFloat(3, 1, 2));
        Assert.False(p.HasContiguousRows);
        var row = new float[3];
        p.ReadRow(7, row);                           // p[3, 1] = a[1, :, 3]
        Assert.Equal([15f, 19f, 23f], row);
    }

    [Fact]
    public void RowsOfHalfAndBFloat16ConvertExactly()
    {
        Half[] h = [(Half)0.5f, (Half)(-1.25f), Half.MaxValue, (Half)0];
        var th = TensorView.FromArray(h, 2, 2);
        Assert.Equal([0.5f, -1.25f, 65504f, 0f], th.ToArray());
        ushort[] bf = [.. Enumerable.Range(0, 40).Select(i => BFloat16Bits.FromSingle(i * 0.5f - 3))];
        var tb = TensorView.FromBFloat16Bits(bf, 40);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * 0.5f - 3), tb.ToArray());
    }

    [Fact]
    public void FindsTheFirstNonFiniteValueInEveryDtype()
    {
        float[] f = new float[50];
        f[37] = float.NegativeInfinity;
        Assert.Equal(37, TensorView.FromArray(f, 5, 10).IndexOfNonFinite());
        Assert.Equal(-1, TensorView.FromArray(new float[50], 5, 10).IndexOfNonFinite());
        Half[] h = new Half[40];
        h[39] = Half.NaN;
        Assert.Equal(39, TensorView.FromArray(h, 2, 20).IndexOfNonFinite());
        ushort[] b = new ushort[40];
        b[20] = BFloat16Bits.FromSingle(float.PositiveInfinity);
        Assert.Equal(20, TensorView.FromBFloat16Bits(b, 2, 20).IndexOfNonFinite());
        double[] d = new double[6];
        d[4] = double.NaN;
        Assert.Equal(4, TensorView.FromArray(d, 3, 2).Permute(1, 0).Permute(1, 0).IndexOfNonFinite());
        // A double too large for float is finite as stored.
        Assert.Equal(-1, TensorView.FromArray([1e300, 0], 2).IndexOfNonFinite());
    }

    [Fact]
    public void EmptyAndScalarTensorsAreValid()
    {
        var empty = TensorView.FromArray(Array.Empty<float>(), 0, 8);
        Assert.Equal(0, empty.ElementCount);
        Assert.Equal(0, empty.RowCount);
        Assert.Empty(empty.ToArray());
        var scalar = TensorView.FromArray([4.5f]);
        Assert.Equal(0, scalar.Rank);
        Assert.Equal(4.5f, scalar.GetFloat());
    }

    [Fact]
    public void LayoutProblemsAreFoundBeforeAnyRead()
    {
        Assert.Null(TensorView.LayoutProblem(40, [5, 8], [8, 1], 0));
        Assert.NotNull(TensorView.LayoutProblem(40, [5, 8], [8, 1], 1));
        Assert.NotNull(TensorView.LayoutProblem(40, [long.MaxValue, 8], [8, 1], 0));
        Assert.NotNull(TensorView.LayoutProblem(40, [-1, 8], [8, 1], 0));
        Assert.Null(TensorView.LayoutProblem(40, [0, 8], [8, 1], 40));
    }
}
