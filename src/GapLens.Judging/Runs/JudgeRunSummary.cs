namespace GapLens.Judging.Runs;

/// <summary>What a run did, item by item counted: newly scored, already done (resumed), skipped
/// (not scorable), failed (kept with the reason; retried by the next run).</summary>
public sealed record JudgeRunSummary(int Items, int Scored, int AlreadyDone, int Skipped, int Failed);
