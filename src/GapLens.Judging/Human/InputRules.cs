using System.Globalization;
using System.Text;
using GapLens.Core;

namespace GapLens.Judging.Human;

/// <summary>
/// What a person may type: an annotator name of 1-64 printable characters (no control, format or
/// unassigned characters; surrounding spaces are dropped), comments of up to 4,000 characters (line
/// breaks and tabs allowed, other control characters not), a score 1-5. A violation is a
/// <see cref="UserInputException"/> with one line saying what was seen and what is allowed.
/// Lengths count characters as people do (Unicode scalar values), not UTF-16 units. The zero-width
/// joiner and non-joiner are format characters that text needs (emoji sequences, Persian and Indic
/// spelling), and comments also take the soft hyphen of pasted text; other format characters (bidi
/// overrides that reorder what is shown, zero-width spaces) are refused.
/// </summary>
public static class InputRules
{
    public const int MaxNameLength = 64;
    public const int MaxCommentLength = 4000;

    public static string Name(string? raw, string field = "annotator name")
    {
        string name = Text(raw, field).Trim();
        int length = Length(name);
        if (length is 0 or > MaxNameLength) throw new UserInputException($"{field} must be 1-{MaxNameLength} printable characters, got {length}");
        foreach (var rune in name.EnumerateRunes())
        {
            if ((!IsPrintable(rune) && !IsJoiner(rune)) || (Rune.IsWhiteSpace(rune) && rune.Value != ' '))
            {
                throw new UserInputException($"{field} must be 1-{MaxNameLength} printable characters; it contains {Describe(rune)}");
            }
        }
        return name;
    }

    public static string Comments(string? raw, string field = "comments")
    {
        string text = Text(raw, field);
        int length = Length(text);
        if (length > MaxCommentLength)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{field} must be at most {MaxCommentLength:#,0} characters, got {length:#,0}"));
        }
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is '\n' or '\r' or '\t' or 0x00AD || IsJoiner(rune)) continue;
            if (!IsPrintable(rune)) throw new UserInputException($"{field} may hold text, line breaks and tabs only; it contains {Describe(rune)}");
        }
        return text;
    }

    /// <summary>An id a page makes up (a request id, a tab id): 8-64 letters, digits, '-' or '_'; null stays null.</summary>
    public static string? Token(string? raw, string field)
    {
        if (raw is null) return null;
        if (raw.Length is < 8 or > 64 || !raw.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new UserInputException($"{field} must be 8-64 letters, digits, '-' or '_'");
        }
        return raw;
    }

    public static int? Score(int? score, bool unsure)
    {
        if (unsure && score is not null) throw new UserInputException($"a submission is a score 1-5 or \"unsure\", not both (got score {score} and unsure)");
        if (unsure) return null;
        if (score is not { } s || s is < 1 or > 5) throw new UserInputException($"score must be an integer 1-5 (or mark the item unsure), got {(score is null ? "nothing" : score.Value.ToString(CultureInfo.InvariantCulture))}");
        return s;
    }

    /// <summary>Well-formed UTF-16 (no lone surrogate), in NFC.</summary>
    private static string Text(string? raw, string field)
    {
        string s = raw ?? "";
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) throw new UserInputException($"{field} must be valid Unicode text (a lone surrogate at position {i})");
        }
        return s.Normalize(NormalizationForm.FormC);
    }

    private static int Length(string s)
    {
        int n = 0;
        foreach (var _ in s.EnumerateRunes()) n++;
        return n;
    }

    private static bool IsPrintable(Rune r) => Rune.GetUnicodeCategory(r) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
        _ => true,
    };

    /// <summary>Zero-width non-joiner and joiner (U+200C, U+200D).</summary>
    private static bool IsJoiner(Rune r) => r.Value is 0x200C or 0x200D;

    private static string Describe(Rune r) => string.Create(CultureInfo.InvariantCulture, $"U+{r.Value:X4}");
}
