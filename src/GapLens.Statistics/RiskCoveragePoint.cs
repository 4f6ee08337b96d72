namespace GapLens.Statistics;

/// <summary>One point of a risk-coverage curve: answering only the samples with confidence &gt;=
/// <paramref name="Threshold"/> keeps <paramref name="Count"/> of them (the coverage share), and
/// <paramref name="Risk"/> is the error rate among them (lower is better).</summary>
public sealed record RiskCoveragePoint(double Threshold, long Count, double Coverage, double Risk);
