using GapLens.Core.Statistics;

namespace GapLens.Statistics;

/// <summary>A bootstrap estimate: the observed statistic (not the mean of the replicates), its
/// interval, and what produced it.</summary>
public sealed record BootstrapResult(double Observed, Interval? Interval, int Resamples, ulong Seed, BootstrapMethod Method, double StandardError, string? UndefinedReason = null);
