namespace GapLens.Video.Agent;

/// <summary>How a run ended: questions to run, done by earlier runs, completed and failed by this one,
/// and whether it stopped early because the endpoint could not be used (with the reason).</summary>
public sealed record VideoQaRunSummary(int Items, int AlreadyDone, int Completed, int Failed, bool Stopped, string? StopReason);
