using System.Runtime.Intrinsics;

namespace GapLens.IO.Tensors;

/// <summary>
/// bfloat16 as raw 16-bit patterns (the upper half of a float32): widening is a shift, done with
/// 256-bit vectors; narrowing rounds to nearest even like torch.
/// </summary>
public static class BFloat16Bits
{
    public static float ToSingle(ushort bits) => BitConverter.Int32BitsToSingle(bits << 16);

    /// <summary>Round to nearest even; NaN stays NaN.</summary>
    public static ushort FromSingle(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value)) return (ushort)((bits >> 16) | 0x40);
        uint rounding = 0x7FFF + ((bits >> 16) & 1);
        return (ushort)((bits + rounding) >> 16);
    }

    public static void ToSingle(ReadOnlySpan<ushort> source, Span<float> destination)
    {
        if (destination.Length < source.Length) throw new ArgumentException("destination is shorter than source", nameof(destination));
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref ushort src = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(source);
            ref float dst = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(destination);
            for (; i <= source.Length - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                var v = Vector256.LoadUnsafe(ref src, (nuint)i);
                var (lo, hi) = Vector256.Widen(v);
                Vector256.ShiftLeft(lo, 16).AsSingle().StoreUnsafe(ref dst, (nuint)i);
                Vector256.ShiftLeft(hi, 16).AsSingle().StoreUnsafe(ref dst, (nuint)(i + Vector256<uint>.Count));
            }
        }
        for (; i < source.Length; i++) destination[i] = ToSingle(source[i]);
    }

    public static void FromSingle(ReadOnlySpan<float> source, Span<ushort> destination)
    {
        if (destination.Length < source.Length) throw new ArgumentException("destination is shorter than source", nameof(destination));
        for (int i = 0; i < source.Length; i++) destination[i] = FromSingle(source[i]);
    }

    /// <summary>True when no value is inf or NaN (exponent bits all set).</summary>
    public static bool AllFinite(ReadOnlySpan<ushort> bits)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var mask = Vector256.Create((ushort)0x7F80);
            for (; i <= bits.Length - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                var v = Vector256.Create(bits.Slice(i, Vector256<ushort>.Count)) & mask;
                if (Vector256.EqualsAny(v, mask)) return false;
            }
        }
        for (; i < bits.Length; i++)
        {
            if ((bits[i] & 0x7F80) == 0x7F80) return false;
        }
        return true;
    }
}
