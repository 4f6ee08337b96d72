using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace GapLens.Perception.Json;

/// <summary>
/// Finds where JSON values and object members end without tokenizing their contents: a vectorised
/// search for quotes and brackets, strings skipped with their escapes, brackets matched by kind. Used
/// to step over the parts of a Perception Test file that GapLens does not read (object tracks when
/// not needed, point tracks, segments): those are checked for balanced structure only, not for the
/// syntax of every number inside; the parts that are read go through <c>Utf8JsonReader</c>.
/// Positions are indices into the span; -1 means the span ends before the value does (read more).
/// </summary>
internal static class JsonScan
{
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"[]{}"u8);
    private static readonly SearchValues<byte> StringStop = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> PrimitiveStop = SearchValues.Create(",}] \t\r\n"u8);

    public static int SkipWhiteSpace(ReadOnlySpan<byte> s, int pos)
    {
        int k = s[pos..].IndexOfAnyExcept(" \t\r\n"u8);
        return k < 0 ? s.Length : pos + k;
    }

    /// <summary>The end (exclusive) of the string whose opening quote is at <paramref name="pos"/>.</summary>
    public static int StringEnd(ReadOnlySpan<byte> s, int pos)
    {
        int j = pos + 1;
        while (true)
        {
            int k = s[j..].IndexOfAny(StringStop);
            if (k < 0) return -1;
            j += k;
            if (s[j] == (byte)'"') return j + 1;
            j += 2; // a backslash escapes the next byte (\" and \\ included)
            if (j >= s.Length) return -1;
        }
    }

    /// <summary>The end (exclusive) of the value starting at <paramref name="pos"/> (not white space).</summary>
    /// <param name="complete">The span holds the whole document: a primitive may end at its end.</param>
    public static int ValueEnd(ReadOnlySpan<byte> s, int pos, bool complete)
    {
        byte c = s[pos];
        if (c == (byte)'"') return StringEnd(s, pos);
        if (c is (byte)'{' or (byte)'[') return ContainerEnd(s, pos);
        if (c is (byte)'-' or (>= (byte)'0' and <= (byte)'9') or (byte)'t' or (byte)'f' or (byte)'n')
        {
            int k = s[pos..].IndexOfAny(PrimitiveStop);
            return k >= 0 ? pos + k : complete ? s.Length : -1;
        }
        throw new JsonScanException(pos, $"unexpected character '{(char)c}' where a value should start");
    }

    /// <summary>
    /// The end of the object or array at <paramref name="pos"/>. With 256-bit vectors, 32 bytes are
    /// tested at a time and every bracket or quote in the block is handled from the bit mask without
    /// leaving the loop (numbers and commas, most of an annotation file, cost one compare per block).
    /// A quote leaves the vector loop: the string is skipped with <see cref="StringEnd"/> and the loop
    /// resumes after it.
    /// </summary>
    private static int ContainerEnd(ReadOnlySpan<byte> s, int pos)
    {
        Span<byte> open = stackalloc byte[512];
        int depth = 0, i = pos;
        if (Vector256.IsHardwareAccelerated)
        {
            ref byte start = ref MemoryMarshal.GetReference(s);
            var quote = Vector256.Create((byte)'"');
            var lower = Vector256.Create((byte)0x20);
            var curlyOpen = Vector256.Create((byte)'{');
            var curlyClose = Vector256.Create((byte)'}');
            while (i + Vector256<byte>.Count <= s.Length)
            {
                var v = Vector256.LoadUnsafe(ref start, (nuint)i);
                var folded = v | lower; // '[' -> '{', ']' -> '}'
                uint bits = (Vector256.Equals(folded, curlyOpen) | Vector256.Equals(folded, curlyClose) | Vector256.Equals(v, quote)).ExtractMostSignificantBits();
                int next = i + Vector256<byte>.Count;
                while (bits != 0)
                {
                    int at = i + BitOperations.TrailingZeroCount(bits);
                    bits &= bits - 1;
                    byte c = s[at];
                    if (c == (byte)'"')
                    {
                        next = StringEnd(s, at);
                        if (next < 0) return -1;
                        break;
                    }
                    if (Bracket(c, at, open, ref depth)) return at + 1;
                }
                i = next;
            }
        }
        while (true)
        {
            int k = s[i..].IndexOfAny(Structural);
            if (k < 0) return -1;
            i += k;
            byte c = s[i];
            if (c == (byte)'"')
            {
                i = StringEnd(s, i);
                if (i < 0) return -1;
                continue;
            }
            if (Bracket(c, i, open, ref depth)) return i + 1;
            i++;
        }
    }

    /// <summary>Opens or closes a bracket; true when the outermost one closed.</summary>
    private static bool Bracket(byte c, int at, Span<byte> open, ref int depth)
    {
        if (c is (byte)'{' or (byte)'[')
        {
            if (depth == open.Length) throw new JsonScanException(at, "nesting deeper than 512 levels");
            open[depth++] = c;
            return false;
        }
        byte want = c == (byte)'}' ? (byte)'{' : (byte)'[';
        if (depth == 0 || open[depth - 1] != want) throw new JsonScanException(at, $"'{(char)c}' does not close the open '{(depth == 0 ? ' ' : (char)open[depth - 1])}'");
        depth--;
        return depth == 0;
    }
}
