namespace GapLens.Endpoints;

/// <summary>
/// A model call that failed: retries exhausted on 5xx / 429 / timeouts / dropped connections, the total
/// time used up, or a request the endpoint refused (400). Fails that one call: the caller records the
/// item as failed and goes on. The message is one line naming the endpoint (credentials redacted).
/// Subtypes: <see cref="EndpointUnavailableException"/> (the endpoint cannot be used at all: a run
/// should stop) and <see cref="MalformedReplyException"/> (a 200 that is not a reply; raw body kept).
/// </summary>
public class EndpointException : Exception
{
    public EndpointException(string message, string endpoint, int? statusCode, int attempts, Exception? inner = null)
        : base(message, inner)
    {
        Endpoint = endpoint;
        StatusCode = statusCode;
        Attempts = attempts;
    }

    public EndpointException() : this("endpoint call failed", "", null, 0) { }

    public EndpointException(string message) : this(message, "", null, 0) { }

    public EndpointException(string message, Exception inner) : this(message, "", null, 0, inner) { }

    /// <summary>The URL called, credentials redacted.</summary>
    public string Endpoint { get; }

    /// <summary>The last HTTP status seen, or null when no reply came.</summary>
    public int? StatusCode { get; }

    /// <summary>HTTP attempts made for this call.</summary>
    public int Attempts { get; }
}
