namespace GapLens.Core.Reports;

/// <summary>A table column: machine id, header, which way is better, and a legend when the header needs one.</summary>
public sealed record TableColumn(string Id, string Header, Direction Direction = Direction.Neutral, string? Legend = null, bool Numeric = false);
