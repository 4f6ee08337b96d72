using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>Points (already jittered by the builder when they would overlap) and reference lines.</summary>
public sealed record ScatterChart(
    string Id,
    string Title,
    string? Legend,
    Axis X,
    Axis Y,
    ImmutableArray<double> XValues,
    ImmutableArray<double> YValues,
    string PointsLabel,
    ImmutableArray<ReferenceLine> Lines) : Figure(Id, Title, Legend);
