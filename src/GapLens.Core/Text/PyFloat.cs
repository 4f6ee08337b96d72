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
}
