using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>Counts over shared bins for several classes, each drawn visibly (side by side within a bin,
/// never one over another), with marker lines; <see cref="Axis.Log"/> on Y where counts differ by orders of magnitude.</summary>
public sealed record HistogramChart(
    string Id,
    string Title,
    string? Legend,
    ImmutableArray<double> Edges,
    ImmutableArray<HistogramSeries> Series,
    Axis X,
    Axis Y,
    ImmutableArray<MarkerLine> Markers) : Figure(Id, Title, Legend);
