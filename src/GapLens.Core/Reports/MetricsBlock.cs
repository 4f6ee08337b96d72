using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>Headline numbers shown side by side, each with its interval, direction and legend.</summary>
public sealed record MetricsBlock(ImmutableArray<Metric> Metrics) : Block;
