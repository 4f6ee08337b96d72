namespace GapLens.Core.Reports;

/// <summary>A highlighted remark (a warning, a caveat) with its tone.</summary>
public sealed record CalloutBlock(Tone Tone, string Text) : Block;
