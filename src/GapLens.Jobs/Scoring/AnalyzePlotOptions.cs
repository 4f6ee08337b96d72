namespace GapLens.Jobs.Scoring;

/// <summary>Options of <c>gaplens analyze plot</c>.</summary>
public sealed record AnalyzePlotOptions(string EvalFolder, string OutDir, double PassAtOrAbove = 4);
