using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>
/// A grid of values (rows x columns) drawn as real cells with their text on them: null values are
/// cells without data. <see cref="Min"/> and <see cref="Max"/> fix the colour scale.
/// </summary>
public sealed record HeatmapChart(
    string Id,
    string Title,
    string? Legend,
    ImmutableArray<string> Rows,
    ImmutableArray<string> Columns,
    ImmutableArray<ImmutableArray<double?>> Values,
    ImmutableArray<ImmutableArray<string>> CellText,
    string RowTitle,
    string ColumnTitle,
    string ScaleLabel,
    double Min,
    double Max) : Figure(Id, Title, Legend);
