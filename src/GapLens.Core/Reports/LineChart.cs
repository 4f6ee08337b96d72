using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>Lines over a shared x axis, with vertical markers, shaded bands and marked points.</summary>
public sealed record LineChart(
    string Id,
    string Title,
    string? Legend,
    Axis X,
    Axis Y,
    ImmutableArray<LineSeries> Series,
    ImmutableArray<MarkerLine> Markers,
    ImmutableArray<SpanBand> Bands,
    ImmutableArray<PointMark> Points) : Figure(Id, Title, Legend);
