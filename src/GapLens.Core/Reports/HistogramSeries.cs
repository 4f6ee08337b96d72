using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>Counts per bin of one class, and its colour (#rrggbb).</summary>
public sealed record HistogramSeries(string Name, ImmutableArray<long> Counts, string Color);
