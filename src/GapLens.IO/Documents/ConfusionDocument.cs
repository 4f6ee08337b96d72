namespace GapLens.IO.Documents;

/// <summary>The four cells of a binary confusion matrix.</summary>
public sealed record ConfusionDocument(long Tp, long Fp, long Tn, long Fn);
