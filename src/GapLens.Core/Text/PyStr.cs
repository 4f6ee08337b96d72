using System.Globalization;
using System.Text;

namespace GapLens.Core.Text;

/// <summary>Python 3 string semantics that the TAO logs and messages depend on.</summary>
public static class PyStr
{
    /// <summary>Python's <c>repr(str)</c>: quote choice, escapes, non-printable code points as \x/\u/\U.</summary>
    public static string Repr(string s)
    {
        char quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var sb = new StringBuilder(s.Length + 2);
        sb.Append(quote);
        for (int i = 0; i < s.Length; i++)
        {
            int cp = s[i];
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                cp = char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }
            if (cp == quote || cp == '\\') sb.Append('\\').Append((char)cp);
            else if (cp == '\t') sb.Append("\\t");
            else if (cp == '\n') sb.Append("\\n");
            else if (cp == '\r') sb.Append("\\r");
            else if (cp < 0x20 || cp == 0x7f) sb.Append("\\x").Append(cp.ToString("x2", CultureInfo.InvariantCulture));
            else if (cp < 0x7f) sb.Append((char)cp);
            else if (IsPrintable(cp)) sb.Append(char.ConvertFromUtf32(cp));
            else if (cp < 0x100) sb.Append("\\x").Append(cp.ToString("x2", CultureInfo.InvariantCulture));
            else if (cp < 0x10000) sb.Append("\\u").Append(cp.ToString("x4", CultureInfo.InvariantCulture));
            else sb.Append("\\U").Append(cp.ToString("x8", CultureInfo.InvariantCulture));
        }
        sb.Append(quote);
        return sb.ToString();
    }

    /// <summary>Python's <c>str.isprintable()</c> for one code point (surrogate halves are not printable).</summary>
    public static bool IsPrintable(int cp)
    {
        if (cp == ' ') return true;
        if (cp >= 0xD800 && cp <= 0xDFFF) return false;
        var cat = CharUnicodeInfo.GetUnicodeCategory(cp);
        return cat switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    /// <summary>Number of code points (Python's <c>len</c>); an unpaired surrogate counts as one.</summary>
    public static int CodePointLength(string s)
    {
        int n = 0;
        for (int i = 0; i < s.Length; i++, n++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
        }
        return n;
    }

    /// <summary>Python's <c>s[:n]</c>: the first n code points.</summary>
    public static string PrefixCodePoints(string s, int n)
    {
        int i = 0;
        for (int k = 0; k < n && i < s.Length; k++)
        {
            i += char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
        }
        return s[..i];
    }

    /// <summary>Python's <c>str.isspace()</c> for one code point: what <c>str.strip()</c> removes (also
    /// U+001C..U+001F, which .NET's <c>char.IsWhiteSpace</c> does not count).</summary>
    public static bool IsSpace(int codePoint) => PyUnicodeData.IsSpace(codePoint);

    /// <summary>Python's <c>str.strip()</c> without arguments: leading and trailing <see cref="IsSpace"/>
    /// code points removed (all of them are in the BMP, so a surrogate is never stripped).</summary>
    public static string Strip(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return Strip(s.AsSpan()) is var t && t.Length == s.Length ? s : t.ToString();
    }

    /// <inheritdoc cref="Strip(string)"/>
    public static ReadOnlySpan<char> Strip(ReadOnlySpan<char> s)
    {
        int start = 0, end = s.Length;
        while (start < end && PyUnicodeData.IsSpace(s[start])) start++;
        while (end > start && PyUnicodeData.IsSpace(s[end - 1])) end--;
        return s[start..end];
    }

    /// <summary>
    /// Python's <c>str.upper()</c>: the full uppercase mapping of CPython's Unicode tables
    /// (<see cref="PyUnicodeData.Version"/>), including the multi-character special casings
    /// ('ß' -> "SS", 'ﬁ' -> "FI", 'ŉ' -> "ʼN") and 'ı' -> 'I', which .NET's ToUpperInvariant leaves
    /// alone. Independent of the machine's ICU. A lone surrogate stays as it is.
    /// </summary>
    public static string Upper(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        int i = 0;
        while (i < s.Length && s[i] < 0x80 && !char.IsAsciiLetterLower(s[i])) i++;
        if (i == s.Length) return s;
        var sb = new StringBuilder(s.Length + 4);
        sb.Append(s, 0, i);
        for (; i < s.Length; i++)
        {
            int cp = s[i];
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                cp = char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }
            if (PyUnicodeData.SpecialUpper(cp) is { } special) sb.Append(special);
            else AppendCodePoint(sb, UpperSimple(cp));
        }
        return sb.ToString();
    }

    private static void AppendCodePoint(StringBuilder sb, int cp)
    {
        if (cp < 0x10000) sb.Append((char)cp);
        else sb.Append(char.ConvertFromUtf32(cp));
    }

    /// <summary>The one-code-point uppercase of <paramref name="cp"/> (itself when it has none).</summary>
    private static int UpperSimple(int cp)
    {
        var r = PyUnicodeData.UpperRanges;
        int lo = 0, hi = r.Length / 4 - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int first = r[mid * 4], last = r[mid * 4 + 1];
            if (cp < first) hi = mid - 1;
            else if (cp > last) lo = mid + 1;
            else return (cp - first) % r[mid * 4 + 3] == 0 ? cp + r[mid * 4 + 2] : cp;
        }
        return cp;
    }

    /// <summary>
    /// Python's <c>str.lower()</c>: the full lowercase mapping. .NET's invariant lowering is the simple
    /// mapping; the one unconditional multi-character lowercase mapping in Unicode is U+0130
    /// (capital I with dot above -> "i" + U+0307), which is handled here. Final-sigma context is not
    /// needed by callers (sigma forms are letters either way).
    /// </summary>
    public static string Lower(string s) =>
        s.Contains('\u0130', StringComparison.Ordinal) ? LowerWithDottedI(s) : s.ToLowerInvariant();

    private static string LowerWithDottedI(string s)
    {
        var sb = new StringBuilder(s.Length + 4);
        int start = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] != '\u0130') continue;
            sb.Append(s.AsSpan(start, i - start).ToString().ToLowerInvariant()).Append("i\u0307");
            start = i + 1;
        }
        sb.Append(s[start..].ToLowerInvariant());
        return sb.ToString();
    }
}
