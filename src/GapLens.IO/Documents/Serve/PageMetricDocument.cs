namespace GapLens.IO.Documents.Serve;

/// <summary>A report metric as written: value (or "n/a (reason)"), interval, direction and legend.</summary>
public sealed record PageMetricDocument(string Id, string Label, string Value, string? Interval, string Direction, string? Legend);
