using GapLens.Core.Statistics;

namespace GapLens.Slices;

/// <summary>One failure kind in a slice: its samples, its rate in the slice and in the rest, and the
/// difference with Newcombe's 95% interval (positive: this kind is more common in the slice).</summary>
public sealed record KindShare(string Kind, long Count, double Rate, long RestCount, double RestRate, double Difference, Interval? DifferenceCi);
