using GapLens.Core;
using GapLens.Endpoints;

namespace GapLens.Endpoints.Tests;

public sealed class EndpointOptionsTests
{
    [Theory]
    [InlineData(-1, "--timeout -1 is not allowed")]
    [InlineData(0, "--timeout 0 is not allowed")]
    [InlineData(double.NaN, "--timeout NaN is not allowed")]
    [InlineData(1e308, "--timeout 1E+308 is not allowed")]
    [InlineData(double.PositiveInfinity, "--timeout Infinity is not allowed")]
    public void BadSecondsAreOneLineUserErrors(double seconds, string expected)
    {
        var ex = Assert.Throws<UserInputException>(() => EndpointOptions.Seconds("--timeout", seconds));
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("at most 86400", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void SecondsBecomeATimeSpan() => Assert.Equal(TimeSpan.FromSeconds(2.5), EndpointOptions.Seconds("--timeout", 2.5));

    [Fact]
    public void ZeroSecondsAreAllowedWhereAsked() => Assert.Equal(TimeSpan.Zero, EndpointOptions.Seconds("--max-wait", 0, 3600, allowZero: true));

    [Theory]
    [InlineData("ftp://127.0.0.1/v1", "uses the scheme 'ftp'")]
    [InlineData("http://127.0.0.1:99999/v1", "is not a valid URL")]
    [InlineData("127.0.0.1:8000/v1", "")]
    [InlineData("/v1", "")]
    [InlineData("  ", "--base-url is empty")]
    public void BadBaseUrlsAreOneLineUserErrors(string url, string expected)
    {
        var ex = Assert.Throws<UserInputException>(() => new EndpointOptions(url).Validate());
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("--base-url", ex.Message, StringComparison.Ordinal);
        Assert.Contains("expected an http:// or https:// URL", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadBaseUrlIsQuotedRedacted()
    {
        var ex = Assert.Throws<UserInputException>(() => new EndpointOptions("http://bob:hunter2@127.0.0.1:99999/v1?api-key=sk-live").Validate());
        Assert.Contains("'http://***@127.0.0.1:99999/v1?api-key=***'", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-live", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<EndpointOptions, string> BadValues() => new()
    {
        { new EndpointOptions("http://h/v1") { AttemptTimeout = TimeSpan.FromSeconds(-1) }, "--timeout -1 s is out of range" },
        { new EndpointOptions("http://h/v1") { AttemptTimeout = TimeSpan.FromDays(2) }, "--timeout 172800 s is out of range" },
        { new EndpointOptions("http://h/v1") { TotalTimeout = TimeSpan.FromSeconds(5), AttemptTimeout = TimeSpan.FromSeconds(10) }, "--total-timeout 5 s is shorter than --timeout 10 s" },
        { new EndpointOptions("http://h/v1") { MaxRetries = -1 }, "--retries -1 is out of range: expected 0 to 100" },
        { new EndpointOptions("http://h/v1") { MaxWait = TimeSpan.FromSeconds(-1) }, "--max-wait -1 s is out of range" },
        { new EndpointOptions("http://h/v1") { MaxReplyBytes = 10 }, "--max-reply-bytes 10 is out of range" },
        { new EndpointOptions("http://h/v1") { ApiKeyEnv = "MY KEY" }, "--api-key-env 'MY KEY' is not an environment variable name" },
        { new EndpointOptions("http://h/v1") { Model = " " }, "--model is empty" },
        { new EndpointOptions("http://h/v1") { StopAfterUnavailable = 0 }, "stop-after-unavailable 0 is out of range" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void OutOfRangeValuesNameTheOptionAndTheValue(EndpointOptions options, string expected)
    {
        var ex = Assert.Throws<UserInputException>(() => options.Validate());
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MessagesUseAPointForDecimalsWhateverTheCulture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
        try
        {
            var ex = Assert.Throws<UserInputException>(() => new EndpointOptions("http://h/v1") { AttemptTimeout = TimeSpan.FromSeconds(10.5), TotalTimeout = TimeSpan.FromSeconds(2.5) }.Validate());
            Assert.StartsWith("--total-timeout 2.5 s is shorter than --timeout 10.5 s", ex.Message, StringComparison.Ordinal);
            Assert.StartsWith("--timeout 0.001", Assert.Throws<UserInputException>(() => EndpointOptions.Seconds("--timeout", 0.001, maxSeconds: 0.0001)).Message, StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void GoodOptionsGiveTheBaseUri() =>
        Assert.Equal("http://127.0.0.1:23333/v1", new EndpointOptions("http://127.0.0.1:23333/v1").Validate().AbsoluteUri);

    [Fact]
    public void TheTotalTimeoutDefaultsToTenMinutesOrOneAttempt()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), new EndpointOptions("http://h/v1").EffectiveTotalTimeout);
        Assert.Equal(TimeSpan.FromMinutes(30), new EndpointOptions("http://h/v1") { AttemptTimeout = TimeSpan.FromMinutes(30) }.EffectiveTotalTimeout);
    }

    [Fact]
    public void TheTextOfTheOptionsHasNoCredentials()
    {
        string text = new EndpointOptions("http://bob:hunter2@h/v1?token=abc").ToString();
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", text, StringComparison.Ordinal);
        Assert.Contains("http://***@h/v1?token=***", text, StringComparison.Ordinal);
    }
}
