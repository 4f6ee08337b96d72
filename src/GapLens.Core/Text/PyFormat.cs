using System.Globalization;
using System.Numerics;
using System.Text;

namespace GapLens.Core.Text;

/// <summary>
/// Python's fixed-point format specs on doubles: <c>{x:.Nf}</c> and <c>{x:.N%}</c>. Digits come from
/// the exact binary value, rounded half to even (CPython's behaviour), so 0.125 gives "0.12" and
/// 2.675 gives "2.67" (its binary value is below 2.675).
/// </summary>
public static class PyFormat
{
    /// <summary><c>format(x, ".{decimals}f")</c>.</summary>
    public static string Fixed(double x, int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        if (double.IsNaN(x)) return "nan";
        if (double.IsInfinity(x)) return x > 0 ? "inf" : "-inf";
        bool negative = double.IsNegative(x);
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(x));
        int rawExp = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (rawExp == 0) rawExp = 1;
        else mantissa |= 1L << 52;
        int exp = rawExp - 1075; // value = mantissa * 2^exp
        BigInteger scaled = mantissa * BigInteger.Pow(10, decimals);
        BigInteger q;
        if (exp >= 0)
        {
            q = scaled << exp;
        }
        else
        {
            q = scaled >> -exp;
            BigInteger rem = scaled - (q << -exp);
            BigInteger twice = rem << 1;
            BigInteger unit = BigInteger.One << -exp;
            int cmp = twice.CompareTo(unit);
            if (cmp > 0 || (cmp == 0 && !q.IsEven)) q += 1;
        }
        string digits = q.ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var sb = new StringBuilder(digits.Length + 2);
        if (negative) sb.Append('-');
        sb.Append(digits, 0, digits.Length - decimals);
        if (decimals > 0) sb.Append('.').Append(digits, digits.Length - decimals, decimals);
        return sb.ToString();
    }

    /// <summary><c>format(x, ".{decimals}%")</c>: x * 100 (a double multiplication, as CPython does), fixed, then '%'.</summary>
    public static string Percent(double x, int decimals) => Fixed(x * 100.0, decimals) + "%";
}
