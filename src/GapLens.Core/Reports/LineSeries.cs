using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>A line through (x, y) points, with its colour (#rrggbb), width and dash. With
/// <paramref name="PointWeights"/> (one per point, e.g. the questions in a reliability bin) each point
/// also gets a marker whose area grows with its weight, so a point resting on 3 questions does not look
/// like one resting on 3,000.</summary>
public sealed record LineSeries(string Name, ImmutableArray<double> X, ImmutableArray<double> Y, string Color, double Width = 1.5, bool Dashed = false,
    ImmutableArray<double>? PointWeights = null);
