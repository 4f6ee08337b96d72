using GapLens.Statistics;

namespace GapLens.Judging.Analysis;

/// <summary>Agreement within one task type.</summary>
public sealed record TaskTypeAgreement(string TaskType, int N, double? MeanDifference, double ExactAgreement, AgreementResult QuadraticKappa, double? PassAgreement);
