namespace GapLens.Core.Mining.Bcq;

/// <summary>A skipped sample and the warning line the TAO tool logs for it.</summary>
public sealed record BcqSkip(long Index, string VideoId, BcqSkipReason Reason, string Message);
