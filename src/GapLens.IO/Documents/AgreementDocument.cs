namespace GapLens.IO.Documents;

/// <summary>An agreement coefficient in a results file: value, Landis-Koch band, and why it is undefined when it is.</summary>
public sealed record AgreementDocument(double? Value, string? Band, string? Reason);
