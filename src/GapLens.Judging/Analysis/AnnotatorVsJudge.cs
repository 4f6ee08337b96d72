using GapLens.Statistics;

namespace GapLens.Judging.Analysis;

/// <summary>The judge against one annotator, on the items both scored: n, quadratic kappa, exact
/// agreement and the mean difference (judge - annotator); undefined values are null.</summary>
public sealed record AnnotatorVsJudge(string Annotator, int N, AgreementResult QuadraticKappa, double? ExactAgreement, double? MeanDifference);
