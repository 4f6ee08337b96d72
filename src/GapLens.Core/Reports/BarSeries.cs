using System.Collections.Immutable;
using GapLens.Core.Statistics;

namespace GapLens.Core.Reports;

/// <summary>One series of bars: a value per category (null: no bar), an interval per category on the same scale as the values (empty: none), a colour (#rrggbb).</summary>
public sealed record BarSeries(string Name, ImmutableArray<double?> Values, ImmutableArray<Interval?> Intervals, string Color);
