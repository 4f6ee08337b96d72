using GapLens.Core.Statistics;

namespace GapLens.Judging.Analysis;

/// <summary>One model's line of the ranking. Success = score &gt;= the pass threshold; skipped and
/// failed items are counted apart and are not in the rate's denominator.</summary>
public sealed record ModelRanking(string Model, int Scored, int Skipped, int Failed, int Successes, double? SuccessRate, Interval? SuccessCi95, double? MeanScore);
