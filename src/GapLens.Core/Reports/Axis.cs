namespace GapLens.Core.Reports;

/// <summary>An axis: its title (with the unit and, where it applies, which way is better), its range
/// (null: fit the data) and whether it is logarithmic.</summary>
public sealed record Axis(string Label, double? Min = null, double? Max = null, bool Log = false);
