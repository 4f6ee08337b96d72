using System.Collections.Immutable;

namespace GapLens.Core.Reports;

/// <summary>A titled part of a report: its blocks in order. <see cref="Id"/> is the anchor in HTML.</summary>
public sealed record ReportSection(string Id, string Title, ImmutableArray<Block> Blocks);
