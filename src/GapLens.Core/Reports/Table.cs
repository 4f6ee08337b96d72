using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>
/// A table: typed columns and rows of cells. <see cref="TotalRows"/> says how many rows there were when
/// the table shows only the first ones (the caption says so too).
/// </summary>
public sealed record Table(
    string Id,
    string? Caption,
    ImmutableArray<TableColumn> Columns,
    ImmutableArray<ImmutableArray<Cell>> Rows,
    string? Legend = null,
    int? TotalRows = null);
