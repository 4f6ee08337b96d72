namespace GapLens.Core.Mining.Bcq;

/// <summary>What one prediction leaves behind: an FP/FN case, a skip, or nothing (a TP or TN).</summary>
public readonly record struct BcqEvidence(BcqCase? Case, BcqSkip? Skip);
