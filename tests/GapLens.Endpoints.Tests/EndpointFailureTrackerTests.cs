using GapLens.Endpoints;

namespace GapLens.Endpoints.Tests;

public sealed class EndpointFailureTrackerTests
{
    private static EndpointUnavailableException Failure(string m) => new(UnavailableReason.Unauthorized, m, "http://h/v1", 401, 1);

    [Fact]
    public void StopsAfterTheGivenNumberInARow()
    {
        var t = new EndpointFailureTracker(3);
        t.RecordUnavailable(Failure("a"));
        t.RecordUnavailable(Failure("b"));
        Assert.False(t.ShouldStop);
        t.RecordUnavailable(Failure("c"));
        Assert.True(t.ShouldStop);
        Assert.Equal("c", t.LastFailure!.Message);
    }

    [Fact]
    public void AReachableCallResetsTheCount()
    {
        var t = new EndpointFailureTracker(2);
        t.RecordUnavailable(Failure("a"));
        t.RecordReachable();
        t.RecordUnavailable(Failure("b"));
        Assert.Equal(1, t.Consecutive);
        Assert.False(t.ShouldStop);
    }

    [Fact]
    public void ConcurrentFailuresAreAllCounted()
    {
        var t = new EndpointFailureTracker(1000);
        Parallel.For(0, 1000, _ => t.RecordUnavailable(Failure("x")));
        Assert.Equal(1000, t.Consecutive);
        Assert.True(t.ShouldStop);
    }

    [Fact]
    public void AThresholdBelowOneIsRejected() => Assert.Throws<ArgumentOutOfRangeException>(() => new EndpointFailureTracker(0));
}
