namespace GapLens.Judging.Runs;

/// <summary>Where a judge run reads and writes, and how hard it pushes.</summary>
public sealed record JudgeRunOptions(string OutputsRoot, string EvaluationsRoot, int Concurrency = 4);

/// <summary>What a run did, item by item counted: newly scored, already done (resumed), skipped
/// (not scorable), failed (kept with the reason; retried by the next run).</summary>
public sealed record JudgeRunSummary(int Items, int Scored, int AlreadyDone, int Skipped, int Failed, string ManifestPath);
