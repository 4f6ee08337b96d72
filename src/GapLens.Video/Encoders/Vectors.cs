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
        double norm = Math.Sqrt(TensorPrimitives.SumOfSquares(v));
        if (!(norm > 0)) throw new UserInputException($"{source} returned an all-zero embedding");
        var unit = new float[v.Length];
        TensorPrimitives.Multiply(v, (float)(1 / norm), unit);
        return unit;
    }
}
