using System.Text.Json;
using GapLens.Core.Json;

namespace GapLens.Core.Tests.Json;

/// <summary>System.Text.Json's errors as GapLens shows them after its own file:line: no 0-based
/// "LineNumber | BytePositionInLine" tail, the JSON path kept, no .NET type names.</summary>
public sealed class JsonErrorTextTests
{
    private sealed class Item
    {
        public int Id { get; set; }
        public string Name { get; set; } = "";
        public double? Score { get; set; }
    }

    private sealed record Positional(int Id);

    private static JsonException Parse(string json) => Assert.ThrowsAny<JsonException>(() =>
    {
        using var _ = JsonDocument.Parse(json);
    });

    private static JsonException Bind(string json) => Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Item>(json));

    [Fact]
    public void ATruncatedDocumentSaysSoWithoutTheReadersPositions()
    {
        string text = JsonErrorText.Of(Parse("{\"a\": [1, 2"));
        Assert.DoesNotContain("LineNumber", text, StringComparison.Ordinal);
        Assert.DoesNotContain("BytePositionInLine", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", text, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(text));
    }

    [Fact]
    public void AnInvalidValueKeepsWhatWasWrong()
    {
        string text = JsonErrorText.Of(Parse("{\"a\": nope}"));
        Assert.Contains("nope", text, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"Id\": \"seven\", \"Name\": \"x\"}", "an integer", "$.Id")]
    [InlineData("{\"Id\": 7, \"Name\": 3}", "a string", "$.Name")]
    [InlineData("{\"Id\": 7, \"Name\": \"x\", \"Score\": \"high\"}", "a number", "$.Score")]
    public void AWrongTypeNamesTheFieldAndTheJsonKindNotTheDotNetType(string json, string kind, string path)
    {
        string text = JsonErrorText.Of(Bind(json));
        Assert.Contains(kind, text, StringComparison.Ordinal);
        Assert.Contains($"(at {path})", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ARecordBoundThroughItsConstructorIsNotNamed()
    {
        string text = JsonErrorText.Of(Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Positional>("{\"Id\": \"seven\"}")));
        Assert.Equal("The JSON value has the wrong type for this field (at $.Id)", text);
    }

    [Fact]
    public void AMessageWithoutATailIsKeptAsItIs()
    {
        Assert.Equal("custom problem", JsonErrorText.Of(new JsonException("custom problem.")));
        Assert.Equal("first line", JsonErrorText.Of(new JsonException("first line\nsecond line")));
    }
}
