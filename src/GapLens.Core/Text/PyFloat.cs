using System.Globalization;
using System.Text;

namespace GapLens.Core.Text;

/// <summary>
/// Python's <c>repr(float)</c>: the shortest digits that round-trip, fixed notation when the decimal
/// exponent is in [-4, 16) (always with a fractional part), otherwise <c>1e-05</c> style.
/// </summary>
public static class PyFloat
{
    public static string Repr(double value)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsPositiveInfinity(value)) return "inf";
        if (double.IsNegativeInfinity(value)) return "-inf";

        var (negative, digits, decpt) = ShortestDigits(value);
        var sb = new StringBuilder(32);
        if (negative) sb.Append('-');
        if (decpt > -4 && decpt <= 16)
        {
            if (decpt <= 0)
            {
                sb.Append("0.").Append('0', -decpt).Append(digits);
            }
            else if (decpt >= digits.Length)
            {
                sb.Append(digits).Append('0', decpt - digits.Length).Append(".0");
            }
            else
            {
                sb.Append(digits, 0, decpt).Append('.').Append(digits, decpt, digits.Length - decpt);
            }
        }
        else
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            int exp = decpt - 1;
            sb.Append('e').Append(exp < 0 ? '-' : '+');
            int abs = Math.Abs(exp);
            if (abs < 10) sb.Append('0');
            sb.Append(abs.ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    /// <summary>
    /// Shortest round-trip significant digits (no leading/trailing zeros, "0" for zero) and the
    /// decimal point position: value = 0.DIGITS x 10^decpt.
    /// </summary>
    internal static (bool Negative, string Digits, int Decpt) ShortestDigits(double value)
    {
        bool negative = double.IsNegative(value);
        if (value == 0) return (negative, "0", 1);
        // "R" is the shortest round-trip form on .NET Core 3.0+; normalise it to digits + exponent.
        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int exp10 = 0;
        int e = r.IndexOfAny(['E', 'e']);
        string mantissa = r;
        if (e >= 0)
        {
            exp10 = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = r[..e];
        }
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string intPart = dot < 0 ? mantissa : mantissa[..dot];
        string fracPart = dot < 0 ? "" : mantissa[(dot + 1)..];
        string all = intPart + fracPart;
        int decpt = intPart.Length + exp10;
        int lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0') lead++;
        all = all[lead..];
        decpt -= lead;
        all = all.TrimEnd('0');
        if (all.Length == 0) all = "0";
        return (negative, all, decpt);
    }

    /// <summary>
    /// Python's <c>float(str)</c> (CPython's PyFloat_FromString): Unicode white space around the
    /// number and Unicode decimal digits (category Nd, e.g. '١', '５') are accepted, underscores
    /// only between digits ("1_000"), <c>inf</c>/<c>infinity</c>/<c>nan</c> in any case with a sign;
    /// the value is correctly rounded; overflow gives infinity and underflow zero, as in Python.
    /// False where Python raises ValueError.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out double value)
    {
        value = 0;
        // 1. _PyUnicode_TransformDecimalAndSpaceToASCII: white space -> ' ', decimal digits -> '0'-'9'.
        char[]? rented = null;
        Span<char> buffer = text.Length <= 128 ? stackalloc char[text.Length] : (rented = System.Buffers.ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            int n = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int cp = text[i];
                if (cp < 127)
                {
                    buffer[n++] = (char)cp;
                    continue;
                }
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    cp = char.ConvertToUtf32(text[i], text[i + 1]);
                    i++;
                }
                if (PyUnicodeData.IsSpace(cp)) buffer[n++] = ' ';
                else if (DecimalValue(cp) is var d && d >= 0) buffer[n++] = (char)('0' + d);
                else return false;
            }
            Span<char> s = buffer[..n];
            // 2. _Py_string_to_number_with_underscores: '_' only between two digits, then dropped.
            if (s.Contains('_'))
            {
                int w = 0;
                char prev = '\0';
                foreach (char c in s)
                {
                    if (c == '_')
                    {
                        if (!char.IsAsciiDigit(prev)) return false;
                    }
                    else
                    {
                        if (prev == '_' && !char.IsAsciiDigit(c)) return false;
                        s[w++] = c;
                    }
                    prev = c;
                }
                if (prev == '_') return false;
                s = s[..w];
            }
            // 3. float_from_string_inner: strip ASCII white space (Py_ISSPACE), then the whole rest must parse.
            int start = 0, end = s.Length;
            while (start < end && IsAsciiSpace(s[start])) start++;
            while (end > start && IsAsciiSpace(s[end - 1])) end--;
            return start < end && TryParseAsciiNumber(s[start..end], out value);
        }
        finally
        {
            if (rented is not null) System.Buffers.ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>' ', \t, \n, \v, \f, \r: C's isspace in the C locale (Python's Py_ISSPACE, pandas' isspace_ascii).</summary>
    internal static bool IsAsciiSpace(char c) => c == ' ' || (uint)(c - '\t') < 5;

    /// <summary>The decimal digit value of a code point (category Nd in Python's tables), or -1.</summary>
    private static int DecimalValue(int cp)
    {
        var zeros = PyUnicodeData.DecimalZeros;
        int lo = 0, hi = zeros.Length - 1, found = -1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            if (zeros[mid] <= cp)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return found >= 0 && cp - zeros[found] < 10 ? cp - zeros[found] : -1;
    }

    /// <summary>
    /// PyOS_string_to_double over the whole of <paramref name="s"/> (ASCII, no surrounding space):
    /// <c>[+-](inf|infinity|nan)</c> in any case, or <c>[+-]digits[.digits][(e|E)[+-]digits]</c> with at
    /// least one mantissa digit, correctly rounded (overflow to infinity, as Python's float() allows).
    /// </summary>
    internal static bool TryParseAsciiNumber(ReadOnlySpan<char> s, out double value)
    {
        value = 0;
        int p = 0;
        bool negative = false;
        if (p < s.Length && (s[p] == '-' || s[p] == '+')) negative = s[p++] == '-';
        var rest = s[p..];
        if (rest.Equals("inf", StringComparison.OrdinalIgnoreCase) || rest.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        if (rest.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            // _Py_dg_stdnan(negate): the quiet NaN, with the sign bit for "-nan".
            value = BitConverter.Int64BitsToDouble(negative ? unchecked((long)0xFFF8000000000000UL) : 0x7FF8000000000000L);
            return true;
        }
        int digits = 0;
        while (p < s.Length && char.IsAsciiDigit(s[p]))
        {
            p++;
            digits++;
        }
        if (p < s.Length && s[p] == '.')
        {
            p++;
            while (p < s.Length && char.IsAsciiDigit(s[p]))
            {
                p++;
                digits++;
            }
        }
        if (digits == 0) return false;
        if (p < s.Length && (s[p] == 'e' || s[p] == 'E'))
        {
            p++;
            if (p < s.Length && (s[p] == '-' || s[p] == '+')) p++;
            int expDigits = 0;
            while (p < s.Length && char.IsAsciiDigit(s[p]))
            {
                p++;
                expDigits++;
            }
            if (expDigits == 0) return false;
        }
        if (p != s.Length) return false;
        value = double.Parse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
        return true;
    }
}
