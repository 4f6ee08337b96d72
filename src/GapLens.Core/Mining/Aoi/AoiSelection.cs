using System.Collections.Immutable;

namespace GapLens.Core.Mining.Aoi;

/// <summary>The kept weak rows in output order (descending weakness, ties in CSV order) with their weakness.</summary>
public sealed record AoiSelection(ImmutableArray<int> Rows, ImmutableArray<double> Weakness, long? TopKPerLabel);
