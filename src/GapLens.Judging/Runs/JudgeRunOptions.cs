namespace GapLens.Judging.Runs;

/// <summary>Where a judge run reads and writes, and how hard it pushes.</summary>
/// <param name="OutputsRoot">data/outputs.</param>
/// <param name="EvaluationsRoot">data/evaluations.</param>
/// <param name="Concurrency">Items judged at once.</param>
/// <param name="VoteFrames">Multi-frame mode when &gt; 1: judge this many frames of the last
/// <paramref name="VoteSeconds"/> seconds separately and vote (median); low agreement sets needs_review.</param>
/// <param name="VoteSeconds">The span the voted frames come from.</param>
/// <param name="ReviewBelow">needs_review when fewer than this share of frames agree with the vote.</param>
/// <param name="Rejudge">Score again the items another judge (another model, prompt or calibration) completed
/// in the same evaluator folder; without it such items stop the run before it starts.</param>
public sealed record JudgeRunOptions(string OutputsRoot, string EvaluationsRoot, int Concurrency = 4, int VoteFrames = 1, double VoteSeconds = 1.0, double ReviewBelow = 0.6, bool Rejudge = false);
