using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace GapLens.Core.VideoQa;

/// <summary>The option letters of a multiple-choice question whose text lists them on their own lines
/// as "(A) ...", "(B) ..." (LVBench's layout).</summary>
public static partial class QuestionOptions
{
    [GeneratedRegex(@"^\s*\((?<letter>[A-Z])\)", RegexOptions.CultureInvariant | RegexOptions.Multiline, matchTimeoutMilliseconds: 1000)]
    private static partial Regex OptionLine();

    /// <summary>The distinct option letters in order of appearance (empty when there are none).</summary>
    public static ImmutableArray<char> Letters(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var letters = ImmutableArray.CreateBuilder<char>();
        foreach (Match m in OptionLine().Matches(question))
        {
            char c = m.Groups["letter"].Value[0];
            if (!letters.Contains(c)) letters.Add(c);
        }
        return letters.ToImmutable();
    }
}
