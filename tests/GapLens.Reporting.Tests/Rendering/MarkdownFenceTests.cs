using GapLens.Reporting.Markdown;

namespace GapLens.Reporting.Tests.Rendering;

public sealed class MarkdownFenceTests
{
    [Theory]
    [InlineData("plain text", "```")]
    [InlineData("one ` and two ``", "```")]
    [InlineData("a ``` fence", "~~~~")]
    [InlineData("a ``` fence and ~~~~~ tildes", "~~~~~~")]
    public void AFenceIsNeverClosedByTheTextItHolds(string text, string fence)
    {
        Assert.Equal(fence, MarkdownReportRenderer.Fence(text));
        Assert.DoesNotContain("\n" + fence, "\n" + text, StringComparison.Ordinal);
    }
}
