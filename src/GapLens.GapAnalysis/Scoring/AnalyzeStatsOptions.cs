using System.Globalization;
using System.Text;
using System.Text.Json;
using GapLens.Core.Metrics;
using GapLens.Core.Statistics;
using GapLens.IO.Files;
using GapLens.Judging.Analysis;
using GapLens.Judging.Folders;
using GapLens.Reporting.Plots;
using GapLens.Statistics;

namespace GapLens.GapAnalysis.Scoring;

/// <summary>Options of <c>gaplens analyze stats</c>.</summary>
public sealed record AnalyzeStatsOptions(string JudgeDir, string HumanDir, string OutDir, double PassAtOrAbove = 4, double Margin = 0.5, int Resamples = 10_000, ulong Seed = 0);
