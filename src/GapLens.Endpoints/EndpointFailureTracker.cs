namespace GapLens.Endpoints;

/// <summary>
/// Counts endpoint-unavailable failures (401, 403, 404, unreachable) in a row across all concurrent
/// calls of one endpoint; any call that reaches the endpoint and is not refused resets the count
/// (timeouts and cancellations leave it as it is). A run consults <see cref="ShouldStop"/> to stop
/// early instead of failing every item the same way. Thread-safe.
/// </summary>
public sealed class EndpointFailureTracker
{
    private int _consecutive;
    private EndpointUnavailableException? _last;

    public EndpointFailureTracker(int stopAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stopAfter, 1);
        StopAfter = stopAfter;
    }

    /// <summary>How many unavailable failures in a row stop a run.</summary>
    public int StopAfter { get; }

    public int Consecutive => Volatile.Read(ref _consecutive);

    /// <summary>The latest unavailable failure, whose one-line message a stopping run prints.</summary>
    public EndpointUnavailableException? LastFailure => Volatile.Read(ref _last);

    public bool ShouldStop => Consecutive >= StopAfter;

    public void RecordUnavailable(EndpointUnavailableException failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        Volatile.Write(ref _last, failure);
        Interlocked.Increment(ref _consecutive);
    }

    public void RecordReachable()
    {
        if (Volatile.Read(ref _consecutive) != 0) Interlocked.Exchange(ref _consecutive, 0);
    }
}
