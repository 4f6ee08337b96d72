namespace GapLens.Judging.Analysis;

/// <summary>One item scored by both raters.</summary>
public sealed record ScorePair(string Experiment, string Model, string TaskType, string TaskId, int Judge, int Human);
