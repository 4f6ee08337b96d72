using System.Runtime.CompilerServices;

namespace GapLens.Core.Metrics;

/// <summary>
/// Sorting doubles by their bits: each finite double maps to an unsigned key whose order is the
/// numeric order (<see cref="KeyOf"/>), and the keys are sorted by a least-significant-digit radix sort
/// (eight 8-bit digits; a digit that is the same in every key, such as the zero low bytes of
/// single-precision scores, costs no pass). O(n) and about ten times faster than a comparison sort on
/// millions of nearly distinct scores.
/// </summary>
internal static class RadixSort
{
    private const ulong SignBit = 0x8000000000000000UL;

    /// <summary>The sort key of a double (not NaN): -0.0 and 0.0 share one key, that of 0.0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong KeyOf(double value)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value == 0 ? 0.0 : value);
        return (bits & SignBit) != 0 ? ~bits : bits | SignBit;
    }

    /// <summary>The double of a key.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ValueOf(ulong key) => BitConverter.UInt64BitsToDouble((key & SignBit) != 0 ? key & ~SignBit : ~key);

    /// <summary>Sorts <paramref name="keys"/> ascending; <paramref name="scratch"/> is a buffer at least as long.</summary>
    public static void Sort(Span<ulong> keys, Span<ulong> scratch)
    {
        int n = keys.Length;
        if (n < 2) return;
        if (scratch.Length < n) throw new ArgumentException("scratch is shorter than keys", nameof(scratch));
        var counts = new int[8 * 256];
        foreach (ulong k in keys)
        {
            counts[(int)(k & 0xFF)]++;
            counts[256 + (int)((k >> 8) & 0xFF)]++;
            counts[512 + (int)((k >> 16) & 0xFF)]++;
            counts[768 + (int)((k >> 24) & 0xFF)]++;
            counts[1024 + (int)((k >> 32) & 0xFF)]++;
            counts[1280 + (int)((k >> 40) & 0xFF)]++;
            counts[1536 + (int)((k >> 48) & 0xFF)]++;
            counts[1792 + (int)(k >> 56)]++;
        }
        Span<ulong> from = keys, to = scratch[..n];
        Span<int> offsets = stackalloc int[256];
        for (int digit = 0; digit < 8; digit++)
        {
            var c = counts.AsSpan(digit * 256, 256);
            int shift = digit * 8;
            if (c[(int)((from[0] >> shift) & 0xFF)] == n) continue; // every key has this digit
            int sum = 0;
            for (int b = 0; b < 256; b++)
            {
                offsets[b] = sum;
                sum += c[b];
            }
            foreach (ulong k in from) to[offsets[(int)((k >> shift) & 0xFF)]++] = k;
            var swap = from;
            from = to;
            to = swap;
        }
        if (from != keys) from.CopyTo(keys);
    }
}
