using System.Net;
using GapLens.Endpoints;

namespace GapLens.Endpoints.Tests;

public sealed class RetryDelaysTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static TimeSpan? Delay(string name, string value, double capSeconds = 60)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation(name, value);
        return RetryDelays.FromHeaders(response.Headers, TimeSpan.FromSeconds(capSeconds), Now);
    }

    [Fact]
    public void AHugeRetryAfterWaitsTheCapNotTwentyEightHours() => Assert.Equal(TimeSpan.FromSeconds(60), Delay("Retry-After", "100000"));

    [Fact]
    public void ARetryAfterUnderTheCapIsHonoured() => Assert.Equal(TimeSpan.FromSeconds(7), Delay("Retry-After", "7"));

    [Fact]
    public void FractionalSecondsAreHonoured() => Assert.Equal(TimeSpan.FromSeconds(0.2), Delay("Retry-After", "0.2"));

    [Fact]
    public void AnHttpDateIsAWaitUntilThen() => Assert.Equal(TimeSpan.FromSeconds(30), Delay("Retry-After", Now.AddSeconds(30).ToString("r")));

    [Fact]
    public void AnHttpDateInThePastIsNoWait() => Assert.Equal(TimeSpan.Zero, Delay("Retry-After", Now.AddHours(-1).ToString("r")));

    [Fact]
    public void AFarHttpDateIsCapped() => Assert.Equal(TimeSpan.FromSeconds(60), Delay("Retry-After", Now.AddDays(3).ToString("r")));

    [Fact]
    public void RetryAfterMsWins() => Assert.Equal(TimeSpan.FromMilliseconds(250), Delay("retry-after-ms", "250"));

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1e308")]
    [InlineData("")]
    public void AnUnusableRetryAfterLeavesItToTheBackoff(string value) => Assert.Null(Delay("Retry-After", value));

    [Fact]
    public void AZeroCapMeansNoWait() => Assert.Equal(TimeSpan.Zero, Delay("Retry-After", "5", capSeconds: 0));

    [Fact]
    public void NoHeaderIsNoAdvice() => Assert.Null(RetryDelays.FromHeaders(null, TimeSpan.FromSeconds(60), Now));
}
