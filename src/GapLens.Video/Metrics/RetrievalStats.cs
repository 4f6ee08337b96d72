namespace GapLens.Video.Metrics;

/// <summary>
/// Retrieval scoring over the questions that have a reference window (time_reference): how many,
/// how many retrieved any frame, the share of retrieved frames inside the window (mean of the
/// per-question shares, and pooled over all frames), the hit rate (a retrieved frame within the window
/// widened by <see cref="ToleranceSeconds"/>; a question that retrieved nothing is a miss), the rank
/// and round of the first hit, and accuracy split by hit and miss, which tells "retrieval failed"
/// (miss) apart from "reasoning failed" (hit, still wrong).
/// </summary>
public sealed record RetrievalStats(
    double ToleranceSeconds,
    long Scored,
    long WithFrames,
    double? MeanInsideShare,
    Proportion PooledInside,
    Proportion HitRate,
    Distribution FirstHitRank,
    Distribution FirstHitRound,
    AccuracyGroup WhenHit,
    AccuracyGroup WhenMissed,
    long WrongAfterHit,
    long WrongAfterMiss);
