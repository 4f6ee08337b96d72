namespace GapLens.IO.Documents.Serve;

/// <summary>A progress bar: what it counts, the count as written ("12 / 40"), and the fraction done.</summary>
public sealed record ProgressRowDocument(string Name, string Text, double Fraction);
