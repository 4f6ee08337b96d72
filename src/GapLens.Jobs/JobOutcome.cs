using System.Collections.Immutable;

namespace GapLens.Jobs;

/// <summary>
/// How a job ended when it ended normally: passed, or a quality gate failed (the KPI is unreachable,
/// every item failed, a sub-job's gate failed). User errors, cancellation and bugs are exceptions,
/// mapped by the host. <see cref="Summary"/> is what the job has to tell a person on stdout.
/// </summary>
public sealed record JobOutcome(bool Passed, ImmutableArray<string> Artifacts, string? GateMessage = null)
{
    /// <summary>One line a person reads first.</summary>
    public string? Headline { get; init; }

    /// <summary>Lines for standard output (e.g. the demo's summary); empty for most jobs.</summary>
    public ImmutableArray<string> Summary { get; init; } = [];

    public static JobOutcome Ok(IEnumerable<string> artifacts, string? headline = null) => new(true, [.. artifacts]) { Headline = headline };

    public static JobOutcome GateFailed(string message, IEnumerable<string> artifacts) => new(false, [.. artifacts], message);
}
