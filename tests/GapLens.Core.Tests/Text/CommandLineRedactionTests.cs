using GapLens.Core.Text;

namespace GapLens.Core.Tests.Text;

public sealed class CommandLineRedactionTests
{
    [Fact]
    public void TheValueOfASecretOptionIsMaskedInEitherSpelling()
    {
        string[] args = ["serve", "--outputs", "o", "--token", "abc123abc123abc123", "--api-key=sk-1", "--port", "80", "--password", "p", "--review-token", "rev123rev123rev123", "--review-token=r2"];
        Assert.Equal(["serve", "--outputs", "o", "--token", "***", "--api-key=***", "--port", "80", "--password", "***", "--review-token", "***", "--review-token=***"], CommandLineRedaction.Redact(args));
    }

    [Fact]
    public void TheColonFormAndMisspeltSecretOptionsAreMaskedToo()
    {
        string[] args = ["serve", "--token:abc123abc123abc123", "--review_token", "rev123rev123", "--API-KEY:k", "--tokens", "5", "--model", "m"];
        Assert.Equal(["serve", "--token:***", "--review_token", "***", "--API-KEY:***", "--tokens", "5", "--model", "m"], CommandLineRedaction.Redact(args));
        Assert.Equal(["abc123abc123abc123", "rev123rev123", "k"], CommandLineRedaction.SecretValues(args));
        Assert.Equal("Unrecognized command or argument '***'.", CommandLineRedaction.Mask("Unrecognized command or argument 'rev123rev123'.", args));
        // Misspellings the parser refuses quote what follows them: masked in its messages too.
        string[] typos = ["serve", "--token-review", "SeCrEtVaLuE_0123456789", "/token:Another_Secret_42", "--tokens", "Third_Secret_77"];
        Assert.Equal("'***' '/token:***' '***'", CommandLineRedaction.Mask("'SeCrEtVaLuE_0123456789' '/token:Another_Secret_42' 'Third_Secret_77'", typos));
    }

    [Fact]
    public void UrlsStillLoseTheirCredentialsAndOtherArgumentsAreKept()
    {
        Assert.Equal(["--base-url", "https://***@host/v1?key=***", "--tokens", "5"],
            CommandLineRedaction.Redact(["--base-url", "https://u:p@host/v1?key=s3cret", "--tokens", "5"]));
        Assert.Equal(["--token"], CommandLineRedaction.Redact(["--token"]));
        Assert.Empty(CommandLineRedaction.Redact([]));
    }
}
