namespace GapLens.Endpoints;

/// <summary>Why an endpoint cannot be used at all.</summary>
public enum UnavailableReason
{
    /// <summary>HTTP 401: the API key was rejected (or is missing).</summary>
    Unauthorized,

    /// <summary>HTTP 403: the key may not use this endpoint or model.</summary>
    Forbidden,

    /// <summary>HTTP 404: no such path or model (a --base-url without /v1, a wrong --model).</summary>
    NotFound,

    /// <summary>No connection could be made (refused, unknown host, TLS failure) after the retries.</summary>
    Unreachable,
}
