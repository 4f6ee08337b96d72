using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>A line through (x, y) points, with its colour (#rrggbb), width and dash.</summary>
public sealed record LineSeries(string Name, ImmutableArray<double> X, ImmutableArray<double> Y, string Color, double Width = 1.5, bool Dashed = false);
