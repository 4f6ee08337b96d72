namespace GapLens.IO.Documents;

/// <summary>Agreement on the binary pass/fail (human as reference).</summary>
public sealed record PassFailDocument(long BothPass, long JudgeOnlyPass, long BothFail, long HumanOnlyPass, double? Accuracy, double? Tpr, double? Tnr, AgreementDocument Kappa);
