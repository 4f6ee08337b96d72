namespace GapLens.Judging.Analysis;

/// <summary>One model x domain cell.</summary>
public sealed record ModelDomainCell(string Model, string Domain, int Scored, int Successes, double? SuccessRate);
