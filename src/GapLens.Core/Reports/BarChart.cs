using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>Bars per category, one group per category (side by side) or stacked; error bars from the intervals.</summary>
public sealed record BarChart(
    string Id,
    string Title,
    string? Legend,
    ImmutableArray<string> Categories,
    ImmutableArray<BarSeries> Series,
    Axis Y,
    string? XLabel = null,
    bool Stacked = false) : Figure(Id, Title, Legend);
