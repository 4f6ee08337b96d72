using GapLens.Core.Text;

namespace GapLens.Core.Tests.Text;

public sealed class CredentialsArgumentsTests
{
    [Fact]
    public void TheValueOfASecretOptionIsMaskedInEitherSpelling()
    {
        string[] args = ["serve", "--outputs", "o", "--token", "abc123abc123abc123", "--api-key=sk-1", "--port", "80", "--password", "p"];
        Assert.Equal(["serve", "--outputs", "o", "--token", "***", "--api-key=***", "--port", "80", "--password", "***"], Credentials.RedactArguments(args));
    }

    [Fact]
    public void UrlsStillLoseTheirCredentialsAndOtherArgumentsAreKept()
    {
        Assert.Equal(["--base-url", "https://***@host/v1?key=***", "--tokens", "5"],
            Credentials.RedactArguments(["--base-url", "https://u:p@host/v1?key=s3cret", "--tokens", "5"]));
        Assert.Equal(["--token"], Credentials.RedactArguments(["--token"]));
        Assert.Empty(Credentials.RedactArguments([]));
    }
}
