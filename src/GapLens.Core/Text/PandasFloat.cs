using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace GapLens.Core.Text;

/// <summary>
/// pandas 1.5's C converters for one CSV field of a float64 column (pandas/_libs/parsers.pyx
/// _try_double_nogil over pandas/_libs/src/parser/tokenizer.c), reproduced bit for bit: what
/// <c>pandas.read_csv</c> gives TAO's vcn_aoi.py for a siamese_score, including where it is not
/// correctly rounded. Pure functions on the field's characters (no I/O, no culture).
/// </summary>
public static class PandasFloat
{
    /// <summary>pandas' NaN (numpy.nan: the positive quiet NaN; .NET's double.NaN has the sign bit).</summary>
    public static readonly double NaN = BitConverter.Int64BitsToDouble(0x7FF8000000000000L);

    /// <summary>
    /// One field as pandas' C parser converts it in a float64 column: a default NA string
    /// (<see cref="IsNaValue"/>: "", "nan", "NA", "null", ...) is <see cref="NaN"/>; otherwise the
    /// converter of <paramref name="precision"/> must take the whole field (ASCII white space around
    /// the number is allowed); failing that, "inf"/"infinity" with an optional sign, in any case.
    /// False when pandas rejects the field: the column is then not float64 (see <see cref="PandasColumn"/>).
    /// A NUL character ends the field, as in pandas' C strings.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> field, PandasFloatPrecision precision, out double value)
    {
        if (precision == PandasFloatPrecision.High ? TryPreciseXstrtod(field, out value) : TryRoundTrip(field, out value)) return true;
        int nul = field.IndexOf('\0');
        if (nul >= 0) field = field[..nul];
        if (IsNaValue(field))
        {
            value = NaN;
            return true;
        }
        if (field.Equals("inf", StringComparison.OrdinalIgnoreCase) || field.Equals("+inf", StringComparison.OrdinalIgnoreCase)
            || field.Equals("infinity", StringComparison.OrdinalIgnoreCase) || field.Equals("+infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = double.PositiveInfinity;
            return true;
        }
        if (field.Equals("-inf", StringComparison.OrdinalIgnoreCase) || field.Equals("-infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NegativeInfinity;
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>pandas' default na_values (STR_NA_VALUES), matched exactly: these fields are NaN in
    /// any column.</summary>
    public static bool IsNaValue(ReadOnlySpan<char> field) => field switch
    {
        "" or "-1.#IND" or "1.#QNAN" or "1.#IND" or "-1.#QNAN" or "#N/A N/A" or "#N/A" or "N/A" or "n/a" or "NA"
            or "<NA>" or "#NA" or "NULL" or "null" or "NaN" or "-NaN" or "nan" or "-nan" => true,
        _ => false,
    };

    /// <summary>
    /// precise_xstrtod (pandas' default converter) over the whole field, with skip_trailing: true
    /// when it consumes everything up to the end (or a NUL) without a range error. At most 17
    /// mantissa digits are used (counting leading zeros, so "0.000000000000000012345" is 0), each
    /// folded in as <c>number * 10 + digit</c> in double arithmetic, then one multiplication or
    /// division by a power of ten from the table below; the exponent is a C int that wraps; an
    /// exponent above 308 or an infinite result is a range error.
    /// </summary>
    internal static bool TryPreciseXstrtod(ReadOnlySpan<char> s, out double value) => TryPreciseXstrtod<char>(s, out value);

    /// <summary>pandas' default converter (precise_xstrtod) over a field's UTF-8 bytes: what
    /// <see cref="TryParse"/> gives with <see cref="PandasFloatPrecision.High"/> when the converter
    /// takes the field (false otherwise; the NA and infinity spellings are not looked at).</summary>
    public static bool TryPreciseXstrtod(ReadOnlySpan<byte> utf8, out double value) => TryPreciseXstrtod<byte>(utf8, out value);

    /// <summary>
    /// <see cref="TryPreciseXstrtod(ReadOnlySpan{char}, out double)"/> over any code units (UTF-16
    /// chars or UTF-8 bytes: only ASCII matters). While the digits so far make an integer small
    /// enough that <c>number * 10 + digit</c> stays below 2^53, every one of precise_xstrtod's double
    /// steps is exact, so the digits are folded into an integer instead (the same double, without a
    /// chain of floating-point multiplications); the steps after that are done in doubles, as pandas does.
    /// </summary>
    internal static bool TryPreciseXstrtod<TChar>(ReadOnlySpan<TChar> s, out double value)
        where TChar : unmanaged, IBinaryInteger<TChar>
    {
        value = 0;
        int p = 0, len = s.Length;
        while (p < len && IsAsciiSpace(Unit(s[p]))) p++;
        bool negative = false;
        if (p < len && (Unit(s[p]) == '-' || Unit(s[p]) == '+')) negative = Unit(s[p++]) == '-';
        ulong exact = 0;
        double number = 0;
        bool inexact = false; // the value has left the exact integer range: number holds it
        int exponent = 0, digits = 0, decimals = 0;
        const int MaxDigits = 17;
        uint d;
        while (p < len && (d = Unit(s[p]) - '0') <= 9)
        {
            if (digits < MaxDigits)
            {
                Fold(ref exact, ref number, ref inexact, d);
                digits++;
            }
            else
            {
                exponent++;
            }
            p++;
        }
        if (p < len && Unit(s[p]) == '.')
        {
            p++;
            if (typeof(TChar) == typeof(byte))
            {
                // Eight decimals at a time while all eight steps would be exact integer ones (the
                // same integer as eight single steps; the steps that are not exact are done below).
                var bytes = MemoryMarshal.Cast<TChar, byte>(s);
                while (digits + 8 <= MaxDigits && exact <= EightExactAtMost && p + 8 <= len && TryEightDigits(bytes.Slice(p, 8), out uint eight))
                {
                    exact = exact * 100_000_000 + eight;
                    p += 8;
                    digits += 8;
                    decimals += 8;
                }
            }
            while (digits < MaxDigits && p < len && (d = Unit(s[p]) - '0') <= 9)
            {
                Fold(ref exact, ref number, ref inexact, d);
                p++;
                digits++;
                decimals++;
            }
            if (digits >= MaxDigits)
            {
                while (p < len && Unit(s[p]) - '0' <= 9) p++;
            }
            exponent -= decimals;
        }
        if (digits == 0) return false;
        if (!inexact) number = exact;
        if (negative) number = -number;
        if (p < len && (Unit(s[p]) == 'e' || Unit(s[p]) == 'E'))
        {
            p++;
            bool expNegative = false;
            if (p < len && (Unit(s[p]) == '-' || Unit(s[p]) == '+')) expNegative = Unit(s[p++]) == '-';
            int expDigits = 0, n = 0;
            while (expDigits < MaxDigits && p < len && (d = Unit(s[p]) - '0') <= 9)
            {
                n = unchecked(n * 10 + (int)d);
                expDigits++;
                p++;
            }
            exponent = unchecked(expNegative ? exponent - n : exponent + n);
            if (expDigits == 0) return false; // the 'e' is given back and left unconsumed
        }
        if (exponent > 308) return false;
        if (exponent > 0)
        {
            number *= Powers[exponent];
        }
        else if (exponent < -308)
        {
            if (exponent < -616)
            {
                number = 0.0;
            }
            else
            {
                number /= Powers[-308 - exponent];
                number /= Powers[308];
            }
        }
        else
        {
            number /= Powers[-exponent];
        }
        if (double.IsInfinity(number)) return false;
        while (p < len && IsAsciiSpace(Unit(s[p]))) p++; // skip_trailing, then pandas' p_end[0] == '\0'
        value = number;
        return p == len || Unit(s[p]) == 0;
    }

    /// <summary>n * 10 + 9 &lt; 2^53 for every integer n below this: the step is exact in doubles.</summary>
    private const ulong ExactBelow = 900_719_925_474_099;

    /// <summary>n * 10^7 + 9,999,999 &lt; <see cref="ExactBelow"/> for every n up to this: eight steps
    /// from n are all exact integer ones.</summary>
    private const ulong EightExactAtMost = 90_071_991;

    /// <summary>The value of eight ASCII digits (the first the most significant), or false when one is not a digit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool TryEightDigits(ReadOnlySpan<byte> eightBytes, out uint value)
    {
        ulong v = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(eightBytes);
        // Every byte in 0x30..0x39: its high nibble is 3, and adding 6 keeps it 3.
        if ((v & 0xF0F0F0F0F0F0F0F0UL) != 0x3030303030303030UL || ((v + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) != 0x3030303030303030UL)
        {
            value = 0;
            return false;
        }
        // Pairs, then fours, then all eight (the first byte is the lowest in a little-endian load).
        v = ((v & 0x0F0F0F0F0F0F0F0FUL) * 2561) >> 8;
        v = ((v & 0x00FF00FF00FF00FFUL) * 6553601) >> 16;
        value = (uint)(((v & 0x0000FFFF0000FFFFUL) * 42949672960001UL) >> 32);
        return true;
    }

    /// <summary>One of precise_xstrtod's steps, <c>number = number * 10 + digit</c>: in an integer
    /// while that is exact, in doubles (pandas' own operations) from the first step that might not be.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Fold(ref ulong exact, ref double number, ref bool inexact, uint digit)
    {
        if (inexact)
        {
            number = number * 10.0 + digit;
        }
        else if (exact < ExactBelow)
        {
            exact = exact * 10 + digit;
        }
        else
        {
            number = (double)exact * 10.0 + digit;
            inexact = true;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Unit<TChar>(TChar c) where TChar : unmanaged, IBinaryInteger<TChar> => uint.CreateTruncating(c);

    private static bool IsAsciiSpace(uint c) => c == ' ' || c - '\t' < 5;

    /// <summary>
    /// pandas' round_trip converter over the whole field: after ASCII white space, the longest
    /// <c>[+-]digits[.digits][(e|E)[+-]digits]</c> prefix is handed to Python's PyOS_string_to_double,
    /// which must take all of it (so "1e" or "." fail); +infinity (overflow) counts as an error,
    /// -infinity does not (pandas compares the result with HUGE_VAL only); then only white space may follow.
    /// </summary>
    internal static bool TryRoundTrip(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        int p = 0, len = s.Length;
        while (p < len && PyFloat.IsAsciiSpace(s[p])) p++;
        int start = p;
        if (p < len && (s[p] == '-' || s[p] == '+')) p++;
        int digits = 0;
        while (p < len && char.IsAsciiDigit(s[p]))
        {
            p++;
            digits++;
        }
        if (p < len && s[p] == '.') p++;
        while (p < len && char.IsAsciiDigit(s[p]))
        {
            p++;
            digits++;
        }
        if (p < len && (s[p] == 'e' || s[p] == 'E'))
        {
            p++;
            if (p < len && (s[p] == '-' || s[p] == '+')) p++;
            int expStart = p;
            while (p < len && char.IsAsciiDigit(s[p])) p++;
            if (p == expStart) return false;
        }
        if (digits == 0) return false;
        double number = double.Parse(s[start..p], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        if (double.IsPositiveInfinity(number)) return false;
        return AtEnd(s, p, number, out value);
    }

    /// <summary>skip_trailing, then pandas' <c>p_end[0] == '\0'</c>.</summary>
    private static bool AtEnd(ReadOnlySpan<char> s, int p, double number, out double value)
    {
        while (p < s.Length && PyFloat.IsAsciiSpace(s[p])) p++;
        value = number;
        return p == s.Length || s[p] == '\0';
    }

    /// <summary>precise_xstrtod's table: 1e0 .. 1e308, each the correctly rounded double of its literal.</summary>
    private static ReadOnlySpan<double> Powers =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
        1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31, 1e32, 1e33,
        1e34, 1e35, 1e36, 1e37, 1e38, 1e39, 1e40, 1e41, 1e42, 1e43, 1e44, 1e45, 1e46, 1e47, 1e48, 1e49,
        1e50, 1e51, 1e52, 1e53, 1e54, 1e55, 1e56, 1e57, 1e58, 1e59, 1e60, 1e61, 1e62, 1e63, 1e64, 1e65,
        1e66, 1e67, 1e68, 1e69, 1e70, 1e71, 1e72, 1e73, 1e74, 1e75, 1e76, 1e77, 1e78, 1e79, 1e80, 1e81,
        1e82, 1e83, 1e84, 1e85, 1e86, 1e87, 1e88, 1e89, 1e90, 1e91, 1e92, 1e93, 1e94, 1e95, 1e96, 1e97,
        1e98, 1e99, 1e100, 1e101, 1e102, 1e103, 1e104, 1e105, 1e106, 1e107, 1e108, 1e109, 1e110, 1e111,
        1e112, 1e113, 1e114, 1e115, 1e116, 1e117, 1e118, 1e119, 1e120, 1e121, 1e122, 1e123, 1e124, 1e125,
        1e126, 1e127, 1e128, 1e129, 1e130, 1e131, 1e132, 1e133, 1e134, 1e135, 1e136, 1e137, 1e138, 1e139,
        1e140, 1e141, 1e142, 1e143, 1e144, 1e145, 1e146, 1e147, 1e148, 1e149, 1e150, 1e151, 1e152, 1e153,
        1e154, 1e155, 1e156, 1e157, 1e158, 1e159, 1e160, 1e161, 1e162, 1e163, 1e164, 1e165, 1e166, 1e167,
        1e168, 1e169, 1e170, 1e171, 1e172, 1e173, 1e174, 1e175, 1e176, 1e177, 1e178, 1e179, 1e180, 1e181,
        1e182, 1e183, 1e184, 1e185, 1e186, 1e187, 1e188, 1e189, 1e190, 1e191, 1e192, 1e193, 1e194, 1e195,
        1e196, 1e197, 1e198, 1e199, 1e200, 1e201, 1e202, 1e203, 1e204, 1e205, 1e206, 1e207, 1e208, 1e209,
        1e210, 1e211, 1e212, 1e213, 1e214, 1e215, 1e216, 1e217, 1e218, 1e219, 1e220, 1e221, 1e222, 1e223,
        1e224, 1e225, 1e226, 1e227, 1e228, 1e229, 1e230, 1e231, 1e232, 1e233, 1e234, 1e235, 1e236, 1e237,
        1e238, 1e239, 1e240, 1e241, 1e242, 1e243, 1e244, 1e245, 1e246, 1e247, 1e248, 1e249, 1e250, 1e251,
        1e252, 1e253, 1e254, 1e255, 1e256, 1e257, 1e258, 1e259, 1e260, 1e261, 1e262, 1e263, 1e264, 1e265,
        1e266, 1e267, 1e268, 1e269, 1e270, 1e271, 1e272, 1e273, 1e274, 1e275, 1e276, 1e277, 1e278, 1e279,
        1e280, 1e281, 1e282, 1e283, 1e284, 1e285, 1e286, 1e287, 1e288, 1e289, 1e290, 1e291, 1e292, 1e293,
        1e294, 1e295, 1e296, 1e297, 1e298, 1e299, 1e300, 1e301, 1e302, 1e303, 1e304, 1e305, 1e306, 1e307,
        1e308
    ];
}
