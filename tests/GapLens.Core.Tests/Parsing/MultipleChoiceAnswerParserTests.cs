using GapLens.Core.Parsing;

namespace GapLens.Core.Tests.Parsing;

public sealed class MultipleChoiceAnswerParserTests
{
    private static readonly MultipleChoiceAnswerParser Abcd = new("ABCD");

    [Theory]
    [InlineData("I looked at frames 3 and 9.\n```json\n{\"answer\": \"C\"}\n```", "C", "json-block")]
    [InlineData("```json {\"answer\": \"(b)\"} ```", "B", "json-block")]
    [InlineData("```\n{\"answer\": \"D. the red car\", \"why\": \"x\"}\n```", "D", "json-block")]
    [InlineData("The answer is {\"answer\": \"A\"} here", "A", "json-inline")]
    [InlineData("Reasoning... so the answer is B.", "B", "answer-is")]
    [InlineData("First I thought the answer is A, but the final answer is (C)", "C", "answer-is")]
    [InlineData("Answer: D", "D", "answer-is")]
    [InlineData("B", "B", "lone-letter")]
    [InlineData("(C)", "C", "lone-letter")]
    [InlineData("Looking at the frames carefully.\n\nA.", "A", "lone-letter")]
    public void ReadsTheAnswerTheWayTheSpecOrdersThem(string output, string letter, string method)
    {
        var e = Abcd.Extract(output);
        Assert.Equal((letter, method), (e.Answer, e.Method));
        Assert.True(e.Found);
    }

    [Theory]
    [InlineData("```json\n{\"answer\": \"A\"}\n```\nor maybe\n```json\n{\"answer\": \"B\"}\n```", "conflicting letters A, B")]
    [InlineData("A\nB", "conflicting letters A, B")]
    [InlineData("The answer is E", "E is not one of the options ABCD")]
    [InlineData("```json\n{\"answer\": \"E\"}\n```", "E is not one of the options ABCD")]
    [InlineData("I cannot tell from these frames.", "no JSON answer, no \"answer is X\" and no lone letter")]
    [InlineData("   ", "empty output")]
    [InlineData("a video shows a dog", "no JSON answer, no \"answer is X\" and no lone letter")]
    public void AnAmbiguousOrMissingAnswerIsUnansweredNeverAGuess(string output, string diagnostic)
    {
        var e = Abcd.Extract(output);
        Assert.Null(e.Answer);
        Assert.False(e.Found);
        Assert.Equal(diagnostic, e.Diagnostic);
    }

    [Fact]
    public void ABrokenJsonBlockFallsBackToTheExplicitStatement()
    {
        var e = Abcd.Extract("```json\n{\"answer\": \"B\",,}\n```\nSo the answer is D.");
        Assert.Equal(("D", "answer-is"), (e.Answer, e.Method));
    }

    [Fact]
    public void ADegenerateHugeOutputIsRejectedWithoutScanning()
    {
        var e = Abcd.Extract(new string('{', MultipleChoiceAnswerParser.MaxOutputChars + 1));
        Assert.Null(e.Answer);
        Assert.StartsWith("output longer than", e.Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public void YesNoRuleServesTheSameRole()
    {
        IAnswerParser p = YesNoAnswerParser.Instance;
        Assert.Equal("yes", p.Extract("Yes, there is a collision.").Answer);
        Assert.Equal("no", p.Extract("B. No").Answer);
        Assert.Equal("both 'yes' and 'no' occur as whole words", p.Extract("Yes/No").Diagnostic);
        Assert.Null(p.Extract("nope").Answer);
    }
}
