namespace GapLens.Core.Reports;

/// <summary>A table.</summary>
public sealed record TableBlock(Table Table) : Block;
