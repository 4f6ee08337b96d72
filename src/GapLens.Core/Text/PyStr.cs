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
