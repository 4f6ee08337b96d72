namespace GapLens.IO.Documents;

/// <summary>Agreement within one task type.</summary>
public sealed record TaskTypeAgreementDocument(string TaskType, int N, double? MeanDifference, double? ExactAgreement, AgreementDocument QuadraticKappa, double? PassAgreement);
