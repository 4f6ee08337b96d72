namespace GapLens.IO.Documents;

/// <summary>The judge against one annotator in stats.json: items both scored, quadratic kappa, exact
/// agreement and the mean difference (judge - annotator).</summary>
public sealed record AnnotatorAgreementDocument(string Annotator, int N, AgreementDocument QuadraticKappa, double? ExactAgreement, double? MeanDifference);
