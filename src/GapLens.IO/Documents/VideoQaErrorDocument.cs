namespace GapLens.IO.Documents;

/// <summary>
/// One line of a video-QA run's errors.jsonl: an item that could not be answered in this attempt (the
/// endpoint failed after its retries, a reply that was not a completion, an unreadable frame...). It is
/// never a result: the next run retries it. Keeps the error, its type and stack, the raw body of a
/// malformed reply and the HTTP status when there was one.
/// </summary>
public sealed record VideoQaErrorDocument
{
    public required string ItemId { get; init; }

    public required string Key { get; init; }

    public required string Error { get; init; }

    public required string ErrorType { get; init; }

    public string? Stack { get; init; }

    public string? RawBody { get; init; }

    public int? StatusCode { get; init; }

    /// <summary>Tool rounds completed before the failure.</summary>
    public int Rounds { get; init; }

    public double LatencyMs { get; init; }

    public DateTimeOffset Utc { get; init; }

    public string? RunId { get; init; }
}
