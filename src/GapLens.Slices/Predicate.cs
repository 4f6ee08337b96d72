namespace GapLens.Slices;

/// <summary>"Feature = value": the feature's index in the table and the value's index in the feature.</summary>
public readonly record struct Predicate(int Feature, int Value);
