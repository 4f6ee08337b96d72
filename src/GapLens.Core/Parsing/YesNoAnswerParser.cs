using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using GapLens.Core.Text;

namespace GapLens.Core.Parsing;

/// <summary>
/// The TAO <c>vlm_bcq</c> answer rule, exactly: lowercase the text (Python <c>str.lower()</c>), then
/// look for <c>yes</c> and <c>no</c> as whole words, where a word character is a Unicode letter, a
/// Unicode number or <c>_</c> (Python 3 <c>\b</c> semantics; .NET's <c>\b</c> differs, so the
/// boundary test is written out). Exactly one of the two words gives the answer. The static methods
/// are the hot path of vlm_bcq; <see cref="Instance"/> is the same rule in the <see cref="IAnswerParser"/> role.
/// </summary>
public sealed class YesNoAnswerParser : IAnswerParser
{
    public static readonly YesNoAnswerParser Instance = new();

    private YesNoAnswerParser()
    {
    }

    public string Name => "yes-no-word";

    AnswerExtraction IAnswerParser.Extract(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var e = Extract(output);
        return e.Answer switch
        {
            YesNo.Yes => new AnswerExtraction("yes", Name),
            YesNo.No => new AnswerExtraction("no", Name),
            _ => AnswerExtraction.None(Name, e.IsAmbiguous ? "both 'yes' and 'no' occur as whole words" : "neither 'yes' nor 'no' occurs as a whole word"),
        };
    }

    public static YesNoExtraction Extract(string text)
    {
        // ASCII text: a case-insensitive ordinal search equals lower() + search. Other text is lowered
        // Python's way first and then searched ordinally (OrdinalIgnoreCase would match U+017F to 's').
        var comparison = StringComparison.OrdinalIgnoreCase;
        if (!IsAscii(text))
        {
            text = PyStr.Lower(text);
            comparison = StringComparison.Ordinal;
        }
        return new YesNoExtraction(ContainsWord(text, "yes", comparison), ContainsWord(text, "no", comparison));
    }

    /// <summary>
    /// The same rule on UTF-8 text. ASCII text is searched in place with no allocation; text with any
    /// non-ASCII byte is decoded and goes through the exact Unicode path above.
    /// </summary>
    public static YesNoExtraction Extract(ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Ascii.IsValid(utf8)) return Extract(System.Text.Encoding.UTF8.GetString(utf8));
        return new YesNoExtraction(ContainsAsciiWord(utf8, "yes"u8), ContainsAsciiWord(utf8, "no"u8));
    }

    private static readonly SearchValues<byte> FirstOfYes = SearchValues.Create("yY"u8);
    private static readonly SearchValues<byte> FirstOfNo = SearchValues.Create("nN"u8);

    /// <summary>Whole-word, ASCII-case-insensitive search of a lowercase ASCII word in ASCII text;
    /// jumps between candidate first letters with a vectorised search.</summary>
    private static bool ContainsAsciiWord(ReadOnlySpan<byte> text, ReadOnlySpan<byte> word)
    {
        var firsts = word[0] == (byte)'y' ? FirstOfYes : FirstOfNo;
        int i = 0;
        while (i <= text.Length - word.Length)
        {
            int hit = text[i..].IndexOfAny(firsts);
            if (hit < 0) return false;
            i += hit;
            if (i > text.Length - word.Length) return false;
            int k = 1;
            while (k < word.Length && (text[i + k] | 0x20) == word[k]) k++;
            if (k == word.Length
                && (i == 0 || !IsWordCodePoint(text[i - 1]))
                && (i + word.Length == text.Length || !IsWordCodePoint(text[i + word.Length])))
            {
                return true;
            }
            i++;
        }
        return false;
    }

    /// <summary>Convenience: the answer, or null when the text has both words or neither.</summary>
    public static YesNo? Parse(string text) => Extract(text).Answer;

    private static bool IsAscii(string s)
    {
        foreach (char c in s)
        {
            if (c >= 0x80) return false;
        }
        return true;
    }

    private static bool ContainsWord(string text, string word, StringComparison comparison)
    {
        int from = 0;
        while (from <= text.Length - word.Length)
        {
            int i = text.IndexOf(word, from, comparison);
            if (i < 0) return false;
            if (!IsWordBefore(text, i) && !IsWordAt(text, i + word.Length)) return true;
            from = i + 1;
        }
        return false;
    }

    private static bool IsWordBefore(string s, int index)
    {
        if (index == 0) return false;
        char c = s[index - 1];
        if (char.IsLowSurrogate(c) && index >= 2 && char.IsHighSurrogate(s[index - 2]))
        {
            return IsWordCodePoint(char.ConvertToUtf32(s[index - 2], c));
        }
        return IsWordCodePoint(c);
    }

    private static bool IsWordAt(string s, int index)
    {
        if (index >= s.Length) return false;
        char c = s[index];
        if (char.IsHighSurrogate(c) && index + 1 < s.Length && char.IsLowSurrogate(s[index + 1]))
        {
            return IsWordCodePoint(char.ConvertToUtf32(c, s[index + 1]));
        }
        return IsWordCodePoint(c);
    }

    /// <summary>Python's <c>\w</c> for str patterns: <c>str.isalnum()</c> or underscore.</summary>
    public static bool IsWordCodePoint(int cp)
    {
        if (cp < 0x80)
        {
            return cp == '_' || (uint)(cp - 'a') <= 'z' - 'a' || (uint)(cp - 'A') <= 'Z' - 'A' || (uint)(cp - '0') <= 9;
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) return false;
        return CharUnicodeInfo.GetUnicodeCategory(cp) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            _ => false,
        };
    }
}
