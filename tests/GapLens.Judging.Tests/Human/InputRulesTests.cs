using GapLens.Core;
using GapLens.Judging.Human;

namespace GapLens.Judging.Tests.Human;

public sealed class InputRulesTests
{
    [Theory]
    [InlineData("Ana", "Ana")]
    [InlineData("  Ana Lopez  ", "Ana Lopez")]
    [InlineData("Zoë", "Zoë")]
    [InlineData("Zoe\u0308", "Zoë")]
    [InlineData("李小龙", "李小龙")]
    [InlineData("😀", "😀")]
    [InlineData("Mehr\u200Cdad", "Mehr\u200Cdad")]
    [InlineData("👩\u200D💻 Ana", "👩\u200D💻 Ana")]
    public void PrintableNamesAreKeptTrimmedAndInNfc(string raw, string expected) => Assert.Equal(expected, InputRules.Name(raw));

    [Fact]
    public void NamesAreCountedInCharactersNotUtf16Units()
    {
        Assert.Equal(64, InputRules.Name(string.Concat(Enumerable.Repeat("😀", 64))).Length / 2);
        var ex = Assert.Throws<UserInputException>(() => InputRules.Name(string.Concat(Enumerable.Repeat("😀", 65))));
        Assert.Equal("annotator name must be 1-64 printable characters, got 65", ex.Message);
    }

    [Theory]
    [InlineData(null, "got 0")]
    [InlineData("", "got 0")]
    [InlineData(" \t ", "got 0")]
    [InlineData("A\tB", "it contains U+0009")]
    [InlineData("A\u200BB", "it contains U+200B")]
    [InlineData("A\u202EB", "it contains U+202E")]
    [InlineData("A\uE000", "it contains U+E000")]
    public void OtherNamesAreRefusedWithTheReason(string? raw, string expected)
    {
        var ex = Assert.Throws<UserInputException>(() => InputRules.Name(raw));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("annotator name must be", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TextWithALoneSurrogateIsRefused()
    {
        Assert.Contains("a lone surrogate at position 1", Assert.Throws<UserInputException>(() => InputRules.Name("A\uD800B")).Message, StringComparison.Ordinal);
        Assert.Contains("comments must be valid Unicode text", Assert.Throws<UserInputException>(() => InputRules.Comments("\uDC00")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommentsTakeLineBreaksTabsAndUpTo4000Characters()
    {
        Assert.Equal("", InputRules.Comments(null));
        Assert.Equal("a\r\n\tb <script>", InputRules.Comments("a\r\n\tb <script>"));
        Assert.Equal(8000, InputRules.Comments(string.Concat(Enumerable.Repeat("😀", 4000))).Length);
        Assert.Equal("comments must be at most 4,000 characters, got 4,001", Assert.Throws<UserInputException>(() => InputRules.Comments(new string('x', 4001))).Message);
        Assert.Contains("U+001B", Assert.Throws<UserInputException>(() => InputRules.Comments("ansi \u001b[31m")).Message, StringComparison.Ordinal);
        Assert.Contains("note may hold", Assert.Throws<UserInputException>(() => InputRules.Comments("\0", "note")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommentsTakeEmojiSequencesJoinersAndSoftHyphensButNotBidiOverrides()
    {
        Assert.Equal("👨\u200D👩\u200D👧 ok, Mehr\u200Cdad, hy\u00ADphen", InputRules.Comments("👨\u200D👩\u200D👧 ok, Mehr\u200Cdad, hy\u00ADphen"));
        Assert.Contains("U+202E", Assert.Throws<UserInputException>(() => InputRules.Comments("abc \u202Edef")).Message, StringComparison.Ordinal);
        Assert.Contains("U+200B", Assert.Throws<UserInputException>(() => InputRules.Comments("a\u200Bb")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, false, 1)]
    [InlineData(5, false, 5)]
    [InlineData(null, true, null)]
    public void AScoreIsOneToFiveOrUnsure(int? score, bool unsure, int? expected) => Assert.Equal(expected, InputRules.Score(score, unsure));

    [Theory]
    [InlineData(0, false)]
    [InlineData(6, false)]
    [InlineData(null, false)]
    [InlineData(3, true)]
    public void AnythingElseIsRefused(int? score, bool unsure) => Assert.Throws<UserInputException>(() => InputRules.Score(score, unsure));
}
