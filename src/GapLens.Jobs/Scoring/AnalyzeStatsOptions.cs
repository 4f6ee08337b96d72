namespace GapLens.Jobs.Scoring;

/// <summary>Options of <c>gaplens analyze stats</c>.</summary>
public sealed record AnalyzeStatsOptions(string JudgeDir, string HumanDir, string OutDir, double PassAtOrAbove = 4, double Margin = 0.5, int Resamples = 10_000, ulong Seed = 0);
