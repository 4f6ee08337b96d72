namespace GapLens.Endpoints;

/// <summary>
/// The endpoint cannot be used at all: authentication refused (401/403), no such path or model (404),
/// or unreachable. Every later call would fail the same way, so a run counts these in an
/// <see cref="EndpointFailureTracker"/> and stops after a few in a row (exit 2) instead of failing
/// every item. Never retried.
/// </summary>
public sealed class EndpointUnavailableException : EndpointException
{
    public EndpointUnavailableException(UnavailableReason reason, string message, string endpoint, int? statusCode, int attempts, Exception? inner = null)
        : base(message, endpoint, statusCode, attempts, inner)
    {
        Reason = reason;
    }

    public EndpointUnavailableException() : this(UnavailableReason.Unreachable, "endpoint unavailable", "", null, 0) { }

    public EndpointUnavailableException(string message) : this(UnavailableReason.Unreachable, message, "", null, 0) { }

    public EndpointUnavailableException(string message, Exception inner) : this(UnavailableReason.Unreachable, message, "", null, 0, inner) { }

    public UnavailableReason Reason { get; }
}
