using GapLens.Video.Encoders;

namespace GapLens.Video.Tests.Encoders;

public sealed class VectorsTests
{
    [Fact]
    public void NormalisationIsTheSameArithmeticOnEveryMachineAndBuild()
    {
        // The JIT ran SumOfSquares with AVX-512 and the native program with AVX2: the same frames'
        // embeddings differed in the last bit (found by the fresh-eye attack). The norm is now the
        // in-order sum of exact double squares; this pins it bit for bit against that plain loop.
        var rng = new Random(5);
        foreach (int dim in new[] { 1, 3, 31, 64, 768, 1152, 4099 })
        {
            for (int trial = 0; trial < 20; trial++)
            {
                var v = new float[dim];
                for (int i = 0; i < dim; i++) v[i] = (float)((rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-6, 4)));
                double sum = 0;
                for (int i = 0; i < dim; i++) sum += (double)v[i] * v[i];
                float scale = (float)(1 / Math.Sqrt(sum));
                var unit = Vectors.Normalized(v, "test");
                for (int i = 0; i < dim; i++) Assert.Equal(BitConverter.SingleToInt32Bits(v[i] * scale), BitConverter.SingleToInt32Bits(unit[i]));
            }
        }
    }
}
