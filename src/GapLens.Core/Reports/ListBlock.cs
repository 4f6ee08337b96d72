using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>A bulleted or numbered list of plain-text items.</summary>
public sealed record ListBlock(ImmutableArray<string> Items, bool Ordered = false) : Block;
