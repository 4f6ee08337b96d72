namespace GapLens.Judging.Human;

/// <summary>The item handed to an annotator's session, or null with the reason (nothing left for them).</summary>
public sealed record NextResult(HumanItem? Item, string? Message);
