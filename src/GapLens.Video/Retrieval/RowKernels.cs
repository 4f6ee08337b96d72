using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GapLens.Video.Retrieval;

/// <summary>
/// The inner loops of the search: a fused dot product and sum of squares (one pass over a row that
/// is read from memory once), and float16 widening with 256-bit integer operations (exact for every
/// half value: normals, subnormals, zeros, inf and NaN), for CPUs where TensorPrimitives'
/// Half conversion is scalar.
/// </summary>
internal static class RowKernels
{
    /// <summary>(x · q, x · x) in one pass.</summary>
    public static (float Dot, float SumSquares) DotAndSumSquares(ReadOnlySpan<float> x, ReadOnlySpan<float> q)
    {
        int n = x.Length, i = 0;
        float dot = 0, ss = 0;
        if (Vector256.IsHardwareAccelerated && n >= 16)
        {
            ref float px = ref MemoryMarshal.GetReference(x);
            ref float pq = ref MemoryMarshal.GetReference(q);
            Vector256<float> d0 = default, d1 = default, s0 = default, s1 = default;
            for (; i <= n - 16; i += 16)
            {
                Accumulate(Vector256.LoadUnsafe(ref px, (nuint)i), Vector256.LoadUnsafe(ref px, (nuint)(i + 8)), ref pq, i, ref d0, ref d1, ref s0, ref s1);
            }
            dot = Vector256.Sum(d0 + d1);
            ss = Vector256.Sum(s0 + s1);
        }
        for (; i < n; i++)
        {
            dot += x[i] * q[i];
            ss += x[i] * x[i];
        }
        return (dot, ss);
    }

    /// <summary>x · q, summed exactly as <see cref="DotAndSumSquares(ReadOnlySpan{float}, ReadOnlySpan{float})"/>
    /// sums its dot product (the same value, bit for bit).</summary>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> q)
    {
        int n = x.Length, i = 0;
        float dot = 0;
        if (Vector256.IsHardwareAccelerated && n >= 16)
        {
            ref float px = ref MemoryMarshal.GetReference(x);
            ref float pq = ref MemoryMarshal.GetReference(q);
            Vector256<float> d0 = default, d1 = default;
            for (; i <= n - 16; i += 16)
            {
                d0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)i), Vector256.LoadUnsafe(ref pq, (nuint)i), d0);
                d1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)(i + 8)), Vector256.LoadUnsafe(ref pq, (nuint)(i + 8)), d1);
            }
            dot = Vector256.Sum(d0 + d1);
        }
        for (; i < n; i++) dot += x[i] * q[i];
        return dot;
    }

    /// <summary>(x · q, x · x) for a float16 row, widening 16 values at a time in registers (the row is
    /// never written out as float32).</summary>
    public static (float Dot, float SumSquares) DotAndSumSquares(ReadOnlySpan<Half> x, ReadOnlySpan<float> q)
    {
        int n = x.Length, i = 0;
        float dot = 0, ss = 0;
        if (Vector256.IsHardwareAccelerated && n >= 16)
        {
            ref ushort px = ref Unsafe.As<Half, ushort>(ref MemoryMarshal.GetReference(x));
            ref float pq = ref MemoryMarshal.GetReference(q);
            Vector256<float> d0 = default, d1 = default, s0 = default, s1 = default;
            for (; i <= n - 16; i += 16)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref px, (nuint)i));
                Accumulate(Widen(lo), Widen(hi), ref pq, i, ref d0, ref d1, ref s0, ref s1);
            }
            dot = Vector256.Sum(d0 + d1);
            ss = Vector256.Sum(s0 + s1);
        }
        for (; i < n; i++)
        {
            float v = (float)x[i];
            dot += v * q[i];
            ss += v * v;
        }
        return (dot, ss);
    }

    /// <summary>16 row values (two vectors) against the query at <paramref name="i"/>: dot and sum of squares.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(Vector256<float> a0, Vector256<float> a1, ref float pq, int i,
        ref Vector256<float> d0, ref Vector256<float> d1, ref Vector256<float> s0, ref Vector256<float> s1)
    {
        d0 = Vector256.FusedMultiplyAdd(a0, Vector256.LoadUnsafe(ref pq, (nuint)i), d0);
        d1 = Vector256.FusedMultiplyAdd(a1, Vector256.LoadUnsafe(ref pq, (nuint)(i + 8)), d1);
        s0 = Vector256.FusedMultiplyAdd(a0, a0, s0);
        s1 = Vector256.FusedMultiplyAdd(a1, a1, s1);
    }

    /// <summary>float16 bit patterns to float32.</summary>
    public static void HalfToSingle(ReadOnlySpan<Half> source, Span<float> destination)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref ushort src = ref Unsafe.As<Half, ushort>(ref MemoryMarshal.GetReference(source));
            ref float dst = ref MemoryMarshal.GetReference(destination);
            for (; i <= source.Length - 16; i += 16)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref src, (nuint)i));
                Widen(lo).StoreUnsafe(ref dst, (nuint)i);
                Widen(hi).StoreUnsafe(ref dst, (nuint)(i + 8));
            }
        }
        for (; i < source.Length; i++) destination[i] = (float)source[i];
    }

    /// <summary>The classic bit-exact conversion: move exponent and mantissa into place, re-bias the
    /// exponent, fix inf/NaN (exponent all ones) and renormalise subnormals with a float subtraction.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Widen(Vector256<uint> h)
    {
        var shiftedExp = Vector256.Create(0x7C00u << 13);
        var o = (h & Vector256.Create(0x7FFFu)) << 13;
        var exp = o & shiftedExp;
        o += Vector256.Create((127u - 15u) << 23);
        var infNan = Vector256.Equals(exp, shiftedExp);
        var zeroExp = Vector256.Equals(exp, Vector256<uint>.Zero);
        o += infNan & Vector256.Create((128u - 16u) << 23);
        var sub = (o + Vector256.Create(1u << 23)).AsSingle() - Vector256.Create(113u << 23).AsSingle();
        var result = Vector256.ConditionalSelect(zeroExp.AsSingle(), sub, o.AsSingle());
        return (result.AsUInt32() | ((h & Vector256.Create(0x8000u)) << 16)).AsSingle();
    }
}
