using System.Collections.Immutable;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GapLens.Core.Parsing;

/// <summary>
/// Reads a multiple-choice letter from a model's output, conservatively (spec 03):
/// <list type="number">
/// <item>a JSON object with an "answer" member, in a fenced block (```json ... ```) or, without one, inline;</item>
/// <item>else the last explicit statement "answer is X" / "answer: X" (also "the final answer is (X)");</item>
/// <item>else a lone letter: the whole output, or its last non-empty line, is just "X", "(X)" or "X.".</item>
/// </list>
/// Several JSON blocks (or lone-letter lines) naming different letters are conflicting: no answer,
/// never a guess. A letter that is not one of the question's options is no answer either.
/// </summary>
public sealed partial class MultipleChoiceAnswerParser : IAnswerParser
{
    private readonly ImmutableHashSet<char> _options;

    /// <param name="options">The option letters of the question (uppercase); default A-Z.</param>
    public MultipleChoiceAnswerParser(IEnumerable<char>? options = null) =>
        _options = options is null ? [.. Enumerable.Range('A', 26).Select(c => (char)c)] : [.. options.Select(char.ToUpperInvariant)];

    public string Name => "multiple-choice";

    /// <summary>Longest output read (a degenerate reply must not cost seconds).</summary>
    public const int MaxOutputChars = 1 << 20;

    [GeneratedRegex(@"```(?:json|JSON)?[ \t]*\r?\n?(?<body>.*?)```", RegexOptions.Singleline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Fenced();

    [GeneratedRegex(@"\{[^{}]{0,2000}""answer""[^{}]{0,2000}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex InlineJson();

    [GeneratedRegex(@"\banswer\s*(?:is|:|=)\s*(?:option\s+|choice\s+)?[\(\[\*""']*(?<letter>[A-Za-z])(?![A-Za-z0-9])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AnswerIs();

    [GeneratedRegex(@"^[\(\[\*]*(?<letter>[A-Z])[\)\]\*]*[.:]?$", RegexOptions.CultureInvariant)]
    private static partial Regex LoneLetter();

    [GeneratedRegex(@"^\s*[\(\[]?(?<letter>[A-Za-z])(?:[\)\]]|[.:)\s]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex LeadingLetter();

    public AnswerExtraction Extract(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Length > MaxOutputChars) return AnswerExtraction.None(Name, $"output longer than {MaxOutputChars} characters");
        string text = output.Trim();
        if (text.Length == 0) return AnswerExtraction.None(Name, "empty output");

        var blocks = Fenced().Matches(text).Select(m => m.Groups["body"].Value).ToList();
        string method = "json-block";
        if (blocks.Count == 0)
        {
            blocks = [.. InlineJson().Matches(text).Select(m => m.Value)];
            method = "json-inline";
        }
        var jsonLetters = blocks.Select(JsonAnswer).Where(a => a is not null).Select(a => a!).ToList();
        if (jsonLetters.Count > 0) return Decide(jsonLetters, method);

        var stated = AnswerIs().Matches(text).Select(m => char.ToUpperInvariant(m.Groups["letter"].Value[0]).ToString()).ToList();
        if (stated.Count > 0) return Decide([stated[^1]], "answer-is");

        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var lone = LoneLetter().Match(text);
        if (lone.Success) return Decide([lone.Groups["letter"].Value], "lone-letter");
        var loneLines = lines.Select(l => LoneLetter().Match(l)).Where(m => m.Success).Select(m => m.Groups["letter"].Value).ToList();
        if (loneLines.Count > 0) return Decide(loneLines, "lone-letter");
        return AnswerExtraction.None(Name, "no JSON answer, no \"answer is X\" and no lone letter");
    }

    /// <summary>The letter of a JSON object's "answer" member ("B", "(B)", "B. the text"), or null.</summary>
    private static string? JsonAnswer(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16, AllowTrailingCommas = false });
            if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("answer", out var a) || a.ValueKind != JsonValueKind.String) return null;
            var m = LeadingLetter().Match(a.GetString() ?? "");
            return m.Success ? char.ToUpperInvariant(m.Groups["letter"].Value[0]).ToString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private AnswerExtraction Decide(IReadOnlyList<string> letters, string method)
    {
        var distinct = letters.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > 1) return AnswerExtraction.None(method, $"conflicting letters {string.Join(", ", distinct)}");
        string letter = distinct[0];
        return _options.Contains(letter[0])
            ? new AnswerExtraction(letter, method)
            : AnswerExtraction.None(method, $"{letter} is not one of the options {string.Join("", _options.Order())}");
    }
}
