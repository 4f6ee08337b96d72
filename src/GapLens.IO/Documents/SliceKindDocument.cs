using GapLens.Core.Statistics;

namespace GapLens.IO.Documents;

/// <summary>One failure kind in a slice: samples, rate in the slice and in the rest, the difference (Newcombe 95%).</summary>
public sealed record SliceKindDocument(string Kind, long Count, double Rate, long RestCount, double RestRate, double Difference, Interval? DifferenceCi);
