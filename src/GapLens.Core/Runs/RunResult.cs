namespace GapLens.Core.Runs;

/// <summary>How a run ended: its status, the process exit code it maps to, and one line each of what
/// it found (<see cref="Headline"/>) and why it failed (<see cref="Message"/>, null on success).</summary>
public sealed record RunResult(RunStatus Status, int ExitCode, string? Headline, string? Message);
