using System.Globalization;

namespace GapLens.Slices;

/// <summary>
/// Which text columns are free text rather than categories (question texts, comments, raw model output,
/// file paths), so they are not features unless named in --features (or kept by a preset). A column is
/// free text when more than half of its distinct values (missing left out) are
/// <list type="bullet">
/// <item>sentences: at least <see cref="SentenceLength"/> characters with white space inside, or</item>
/// <item>file paths: a '/' or '\' and a file extension (a '.' then 1 to 5 letters or digits, one a letter) at the end,</item>
/// </list>
/// or when it has at least <see cref="MinDistinctForMostlyDistinct"/> distinct values, more than half as
/// many as samples, and most of them hold white space (short raw answers, comments). Categories such as
/// "night", "model_3", "boards/board_01" or "action counting, containment" are none of these.
/// </summary>
internal static class FreeTextRule
{
    public const int SentenceLength = 30;

    public const int MinDistinctForMostlyDistinct = 20;

    /// <summary>Why the column is free text (for the report's dropped features), or null when it is not.</summary>
    public static string? Why(IReadOnlyList<string> values, IReadOnlyList<double> numberOf, int rows)
    {
        int distinct = 0, sentences = 0, paths = 0, spaced = 0;
        string? example = null;
        for (int i = 0; i < values.Count; i++)
        {
            if (double.IsNaN(numberOf[i]) && values[i] == ColumnBuilder.MissingLabel) continue;
            string v = values[i];
            distinct++;
            bool space = HasInnerSpace(v);
            if (space) spaced++;
            if (space && v.Length >= SentenceLength)
            {
                sentences++;
                example ??= v;
            }
            else if (IsFilePath(v))
            {
                paths++;
                example ??= v;
            }
        }
        if (distinct == 0) return null;
        string shown = example is null ? "" : $", e.g. '{Shorten(example)}'";
        if (2 * (sentences + paths) > distinct)
        {
            string what = sentences >= paths ? $"sentences ({SentenceLength}+ characters with spaces)" : "file paths";
            return string.Create(CultureInfo.InvariantCulture,
                $"free text: {sentences + paths:N0} of {distinct:N0} distinct values are {what}{shown} (name it in --features to use it anyway)");
        }
        if (distinct >= MinDistinctForMostlyDistinct && 2L * distinct > rows && 2 * spaced > distinct)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"free text: {distinct:N0} distinct values over {rows:N0} samples, most with spaces (name it in --features to use it anyway)");
        }
        return null;
    }

    private static bool HasInnerSpace(string v)
    {
        var t = v.AsSpan().Trim();
        foreach (char c in t)
        {
            if (char.IsWhiteSpace(c)) return true;
        }
        return false;
    }

    /// <summary>"a/b.mp4", "C:\x\y.png": a separator and an extension at the end.</summary>
    internal static bool IsFilePath(string v)
    {
        var t = v.AsSpan().Trim();
        if (t.IndexOfAny('/', '\\') < 0) return false;
        int dot = t.LastIndexOf('.');
        int sep = t.LastIndexOfAny('/', '\\');
        if (dot <= sep + 1 || t.Length - dot - 1 is < 1 or > 5) return false;
        var ext = t[(dot + 1)..];
        bool letter = false;
        foreach (char c in ext)
        {
            if (!char.IsAsciiLetterOrDigit(c)) return false;
            letter |= char.IsAsciiLetter(c);
        }
        return letter;
    }

    private static string Shorten(string v)
    {
        string one = v.ReplaceLineEndings(" ");
        return one.Length <= 40 ? one : one[..37] + "...";
    }
}
