namespace GapLens.Judging.Analysis;

/// <summary>A domain's difficulty: the macro average of the per-model success rates (each model
/// counts once, whatever its number of items), and the items behind it.</summary>
public sealed record DomainDifficulty(string Domain, int Models, int Scored, double? MacroSuccessRate);
