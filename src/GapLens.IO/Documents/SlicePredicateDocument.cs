namespace GapLens.IO.Documents;

/// <summary>"feature = value" of a slice: the feature's name, its kind (categorical, numeric: a quantile
/// bin written "(a, b]", list: the sample has the value) and the value as shown.</summary>
public sealed record SlicePredicateDocument(string Feature, string Kind, string Value);
