using System.Globalization;
using GapLens.Core.Statistics;
using GapLens.Core.Text;

namespace GapLens.Core.Reports;

/// <summary>
/// How a number is written, decided once in the report model so every renderer writes it the same
/// way: invariant culture, consistent decimals, thousands separators for counts, never "-0.0000",
/// p-values in scientific notation when small, undefined as "n/a". <paramref name="Signed"/> writes a
/// "+" before a positive value (a difference: "+3.4%", "-2.0%"), never before one that rounds to zero.
/// </summary>
public readonly record struct NumberFormat(NumberStyle Style, int Digits, bool Signed = false)
{
    public const string Undefined = "n/a";

    public static NumberFormat Fixed(int digits) => new(NumberStyle.Fixed, digits);

    public static NumberFormat Percent(int digits) => new(NumberStyle.Percent, digits);

    public static NumberFormat Count => new(NumberStyle.Count, 0);

    public static NumberFormat PValue => new(NumberStyle.PValue, 4);

    public static NumberFormat PyRepr => new(NumberStyle.PyRepr, 0);

    /// <summary>This format with a "+" before positive values (for differences).</summary>
    public NumberFormat WithSign() => this with { Signed = true };

    public string Format(double? value)
    {
        string text = Unsigned(value);
        return Signed && value > 0 && (text.AsSpan().IndexOfAnyInRange('1', '9') >= 0 || text == "inf") && text[0] != '<' ? "+" + text : text;
    }

    private string Unsigned(double? value)
    {
        if (value is not { } v) return Undefined;
        if (double.IsNaN(v)) return Undefined;
        if (double.IsInfinity(v)) return v > 0 ? "inf" : "-inf";
        var ic = CultureInfo.InvariantCulture;
        switch (Style)
        {
            case NumberStyle.PyRepr:
                return PyFloat.Repr(v);
            case NumberStyle.Count:
                return Math.Round(v).ToString("#,0", ic);
            case NumberStyle.Percent:
                return NoNegativeZero((v * 100).ToString("F" + Digits.ToString(ic), ic)) + "%";
            case NumberStyle.PValue:
                if (v == 0) return "< 1e-300";
                if (v >= 0.001 || v < 0) return NoNegativeZero(v.ToString("F" + Digits.ToString(ic), ic));
                string sci = v.ToString("0.0e+0", ic);
                return sci.Replace("e-0", "e-", StringComparison.Ordinal);
            default:
                return NoNegativeZero(v.ToString("F" + Digits.ToString(ic), ic));
        }
    }

    /// <summary>"[lower, upper]" in this format, or "n/a".</summary>
    public string Format(Interval? interval) => interval is { } i ? $"[{Format(i.Lower)}, {Format(i.Upper)}]" : Undefined;

    private static string NoNegativeZero(string s) => s.Length > 1 && s[0] == '-' && s.AsSpan(1).IndexOfAnyExcept("0.,") < 0 ? s[1..] : s;
}
