namespace GapLens.IO.Documents;

/// <summary>A bootstrap interval in a results file: the observed statistic, the interval, how it was made.</summary>
public sealed record BootstrapDocument(double? Observed, double? Lower, double? Upper, int Resamples, ulong Seed, string Method, string? Reason);
