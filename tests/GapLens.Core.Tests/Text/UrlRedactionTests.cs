using GapLens.Core.Text;

namespace GapLens.Core.Tests.Text;

public sealed class UrlRedactionTests
{
    [Theory]
    [InlineData("http://alice:s3cret@127.0.0.1:8000/v1", "http://***@127.0.0.1:8000/v1")]
    [InlineData("https://token-only@api.example.com/v1", "https://***@api.example.com/v1")]
    [InlineData("https://api.example.com/v1?api-key=s3cret", "https://api.example.com/v1?api-key=***")]
    [InlineData("https://api.example.com/v1?key=s3cret&api-version=2024-06-01", "https://api.example.com/v1?key=***&api-version=2024-06-01")]
    [InlineData("https://api.example.com/v1?api-version=1&token=s3cret", "https://api.example.com/v1?api-version=1&token=***")]
    [InlineData("https://api.example.com/v1?access_token=a;sig=b#client_secret=c", "https://api.example.com/v1?access_token=***;sig=***#client_secret=***")]
    [InlineData("https://api.example.com/v1?API%2DKEY=s3cret", "https://api.example.com/v1?API%2DKEY=***")]
    [InlineData("http://u:p@127.0.0.1:99999/v1?apikey=x", "http://***@127.0.0.1:99999/v1?apikey=***")]
    [InlineData("http://127.0.0.1:23333/v1", "http://127.0.0.1:23333/v1")]
    [InlineData("http://127.0.0.1:23333/v1/models?limit=5", "http://127.0.0.1:23333/v1/models?limit=5")]
    [InlineData("not a url at all", "not a url at all")]
    [InlineData("", "")]
    public void CredentialsAreMaskedAndTheRestIsKept(string url, string expected) =>
        Assert.Equal(expected, UrlRedaction.Redact(url));

    [Fact]
    public void APasswordWithAnAtSignIsMaskedWhole() =>
        Assert.Equal("http://***@host/v1", UrlRedaction.Redact("http://u:p@ss@host/v1"));

    [Fact]
    public void AKnownSecretIsScrubbedFromAText() =>
        Assert.Equal("Incorrect API key provided: ***.", UrlRedaction.Scrub("Incorrect API key provided: sk-abcdef.", "sk-abcdef"));

    [Fact]
    public void ScrubbingWithNoSecretChangesNothing() =>
        Assert.Equal("text", UrlRedaction.Scrub("text", null));
}
