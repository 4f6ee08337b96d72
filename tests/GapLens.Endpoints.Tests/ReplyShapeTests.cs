using System.Text;
using GapLens.Endpoints;

namespace GapLens.Endpoints.Tests;

public sealed class ReplyShapeTests
{
    private static string? Problem(string path, string body) => ReplyShape.Problem(path, Encoding.UTF8.GetBytes(body), null);

    [Theory]
    [InlineData("", "the body is empty")]
    [InlineData("<html><body>Bad Gateway</body></html>", "the body is not JSON")]
    [InlineData("[1, 2]", "the body is JSON but not an object (array)")]
    [InlineData("""{"error": {"message": "model overloaded"}}""", "the body is an error: model overloaded")]
    [InlineData("""{"object": "chat.completion"}""", "the body has no \"choices\" array")]
    [InlineData("""{"choices": []}""", "\"choices\" is empty")]
    [InlineData("""{"choices": [{"index": 0}]}""", "choices[0] has no \"message\" object")]
    public void ChatRepliesThatAreNotCompletionsAreNamed(string body, string expected) =>
        Assert.Equal(expected, Problem("/v1/chat/completions", body));

    [Fact]
    public void ACompletionIsFine() =>
        Assert.Null(Problem("/v1/chat/completions", """{"choices": [{"index": 0, "message": {"role": "assistant", "content": "hi"}}]}"""));

    [Fact]
    public void InvalidUtf8IsNamed() =>
        Assert.Equal("the body is not valid UTF-8", ReplyShape.Problem("/v1/chat/completions", new byte[] { (byte)'{', 0xC3, 0x28, (byte)'}' }, null));

    [Theory]
    [InlineData("""{"data": []}""", "\"data\" is empty")]
    [InlineData("""{"data": [{"index": 0}]}""", "data[0] has no \"embedding\"")]
    public void EmbeddingRepliesNeedVectors(string body, string expected) => Assert.Equal(expected, Problem("/v1/embeddings", body));

    [Fact]
    public void EmbeddingsMayComeAsBase64() => Assert.Null(Problem("/v1/embeddings", """{"data": [{"embedding": "AACAPw=="}]}"""));

    [Fact]
    public void AnEmptyModelListIsAReply() => Assert.Null(Problem("/v1/models", """{"data": []}"""));

    [Fact]
    public void RawTextIsTruncatedAndShowsInvalidBytes()
    {
        Assert.Equal("ab\uFFFD", ReplyShape.RawText([(byte)'a', (byte)'b', 0xFF], 10));
        Assert.Equal("abc...", ReplyShape.RawText(Encoding.UTF8.GetBytes("abcdef"), 3));
    }

    [Fact]
    public void ErrorMessagesComeOutOnOneLine()
    {
        Assert.Equal("bad things happened", ReplyShape.ErrorMessage(Encoding.UTF8.GetBytes("""{"error": {"message": "bad\n  things happened"}}""")));
        Assert.Equal("vLLM says no", ReplyShape.ErrorMessage(Encoding.UTF8.GetBytes("""{"object": "error", "message": "vLLM says no"}""")));
        Assert.Equal("plain text", ReplyShape.ErrorMessage(Encoding.UTF8.GetBytes("plain\r\ntext")));
        Assert.Equal("abc...", ReplyShape.OneLine("abcdef", 3));
    }
}
