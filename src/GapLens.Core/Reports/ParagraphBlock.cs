namespace GapLens.Core.Reports;

/// <summary>Plain text (renderers escape it). A legend paragraph is set smaller, as an explanation of what is around it.</summary>
public sealed record ParagraphBlock(string Text, bool IsLegend = false) : Block;
