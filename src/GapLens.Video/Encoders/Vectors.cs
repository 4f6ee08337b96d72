using System.Numerics.Tensors;
using GapLens.Core;

namespace GapLens.Video.Encoders;

/// <summary>Checks and L2 normalisation shared by the encoders.</summary>
internal static class Vectors
{
    /// <summary>A unit-length copy of <paramref name="v"/>; a user error naming <paramref name="source"/>
    /// when a value is not finite or the vector is all zeros (no direction to normalise).</summary>
    public static float[] Normalized(ReadOnlySpan<float> v, string source)
    {
        if (!TensorPrimitives.IsFiniteAll(v)) throw new UserInputException($"{source} returned an embedding with a non-finite value");
        double norm = Norm(v);
        if (!(norm > 0)) throw new UserInputException($"{source} returned an all-zero embedding");
        var unit = new float[v.Length];
        TensorPrimitives.Multiply(v, (float)(1 / norm), unit);
        return unit;
    }

    /// <summary>The L2 norm, the same double on every machine and build: each square is exact in
    /// double precision and they are added in order. TensorPrimitives.SumOfSquares adds in an order
    /// that depends on the vector width the code runs with (AVX-512 under the JIT, AVX2 in the native
    /// program ./gaplens builds), which made the same frames' embeddings differ in the last bit.</summary>
    public static double Norm(ReadOnlySpan<float> v)
    {
        double sum = 0;
        foreach (float x in v) sum += (double)x * x;
        return Math.Sqrt(sum);
    }
}
