namespace GapLens.Core.Reports;

/// <summary>A chart.</summary>
public sealed record FigureBlock(Figure Figure) : Block;
