namespace GapLens.Slices;

/// <summary>A column of the input that is not a feature, and why (an id, one value only, ...).</summary>
public sealed record DroppedColumn(string Name, string Reason);
