using GapLens.Core.Parsing;
using GapLens.Testing;

namespace GapLens.Core.Tests.Parsing;

public sealed class YesNoAnswerParserTests
{
    [Theory]
    [InlineData("Yes.")]
    [InlineData("A. Yes")]
    [InlineData("yes, there is a collision")]
    public void SpecYesExamplesAnswerYes(string text) => Assert.Equal(YesNo.Yes, YesNoAnswerParser.Parse(text));

    [Theory]
    [InlineData("B. No")]
    [InlineData("no-go")]
    [InlineData("NO")]
    public void SpecNoExamplesAnswerNo(string text) => Assert.Equal(YesNo.No, YesNoAnswerParser.Parse(text));

    [Theory]
    [InlineData("nothing")]
    [InlineData("nope")]
    [InlineData("Nobody")]
    [InlineData("It is not")]
    [InlineData("yes_no")]
    [InlineData("NO_PASS")]
    [InlineData("yes123")]
    [InlineData("Yes/No")]
    [InlineData("maybe")]
    [InlineData("")]
    public void SpecSkippedExamplesHaveNoAnswer(string text) => Assert.Null(YesNoAnswerParser.Parse(text));

    [Fact]
    public void BothWordsIsAmbiguousAndNeitherIsNot()
    {
        Assert.True(YesNoAnswerParser.Extract("Yes/No").IsAmbiguous);
        Assert.False(YesNoAnswerParser.Extract("maybe").IsAmbiguous);
    }

    [Fact]
    public void MatchesCPythonOnEveryRecordedText()
    {
        // Letters, digits, combining marks, superscripts, full-width letters, underscore, dotted
        // capital I (full lowercase mapping), long s, emoji, math alphanumerics, control characters.
        int n = 0;
        foreach (var c in TestData.PythonReference.GetProperty("yes_no").EnumerateArray())
        {
            string text = c.GetProperty("text").GetString()!;
            var got = YesNoAnswerParser.Extract(text);
            Assert.True(c.GetProperty("has_yes").GetBoolean() == got.HasYes, $"has_yes differs for {Show(text)}");
            Assert.True(c.GetProperty("has_no").GetBoolean() == got.HasNo, $"has_no differs for {Show(text)}");
            n++;
        }
        Assert.True(n > 80);
    }

    [Theory]
    [InlineData("yes\u0301", YesNo.Yes)] // a combining mark is not a word character in Python's re
    [InlineData("yes\u00b2", null)] // superscript two is a number
    [InlineData("\uff59\uff45\uff53", null)] // full-width "yes" is not "yes"
    [InlineData("\u0130no", YesNo.No)] // "İ".lower() is "i" + U+0307, a non-word character
    [InlineData("ye\u017f", null)] // long s lowercases to itself, not to "s"
    [InlineData("_yes", null)]
    public void UnicodeWordBoundariesFollowPython(string text, YesNo? expected) =>
        Assert.Equal(expected, YesNoAnswerParser.Parse(text));

    private static string Show(string s) => string.Concat(s.Select(ch => ch < 0x80 && !char.IsControl(ch) ? ch.ToString() : $"\\u{(int)ch:x4}"));

    [Fact]
    public void Utf8FastPathAgreesWithTheStringPathOnRandomTexts()
    {
        // The string path is the one checked against CPython above; the byte path must equal it.
        var rng = new Random(12345);
        const string alphabet = "yesnoYESNOyn _-.,/1\u00e9\u0130\u017f\u00b2";
        for (int t = 0; t < 20_000; t++)
        {
            var chars = new char[rng.Next(0, 12)];
            for (int i = 0; i < chars.Length; i++) chars[i] = alphabet[rng.Next(alphabet.Length)];
            string text = new(chars);
            Assert.Equal(YesNoAnswerParser.Extract(text), YesNoAnswerParser.Extract(System.Text.Encoding.UTF8.GetBytes(text)));
        }
    }
}
