namespace GapLens.Jobs;

/// <summary>How a job ended, mapped by the CLI to an exit code: 0 ok, 1 a quality gate failed.</summary>
public sealed record JobOutcome(bool Passed, IReadOnlyList<string> Artifacts, string? GateMessage = null)
{
    /// <summary>One line a person reads first (e.g. for the demo's summary).</summary>
    public string? Headline { get; init; }

    public static JobOutcome Ok(IReadOnlyList<string> artifacts, string? headline = null) => new(true, artifacts) { Headline = headline };

    public static JobOutcome GateFailed(string message, IReadOnlyList<string> artifacts) => new(false, artifacts, message);

    public int ExitCode => Passed ? 0 : 1;
}
