namespace GapLens.Endpoints;

/// <summary>
/// An HTTP 2xx whose body is not a reply: HTML, empty, invalid UTF-8, not JSON, JSON without
/// <c>choices</c> (or with <c>"choices": []</c>), an error object, or larger than the reply limit (then
/// not read further). Fails that call only; never retried, never cached. <see cref="RawBody"/> keeps the
/// start of the body as text (invalid bytes shown as U+FFFD) so the failure can be inspected.
/// </summary>
public sealed class MalformedReplyException : EndpointException
{
    /// <summary>How much of a body is kept.</summary>
    public const int RawBodyLimit = 4_096;

    public MalformedReplyException(string message, string endpoint, int statusCode, int attempts, string rawBody, long bodyBytes, bool bodyComplete)
        : base(message, endpoint, statusCode, attempts)
    {
        RawBody = rawBody;
        BodyBytes = bodyBytes;
        BodyComplete = bodyComplete;
    }

    public MalformedReplyException() : this("malformed reply", "", 200, 0, "", 0, true) { }

    public MalformedReplyException(string message) : this(message, "", 200, 0, "", 0, true) { }

    public MalformedReplyException(string message, Exception inner) : base(message, inner)
    {
        RawBody = "";
    }

    /// <summary>The body as text, at most <see cref="RawBodyLimit"/> characters (then ending in "...").</summary>
    public string RawBody { get; }

    /// <summary>Bytes of the body read (all of it when <see cref="BodyComplete"/>).</summary>
    public long BodyBytes { get; }

    /// <summary>False when the body was larger than the limit and reading stopped.</summary>
    public bool BodyComplete { get; }
}
