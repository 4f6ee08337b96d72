using System.Globalization;
using System.Net;
using System.Text;
using GapLens.IO.Files;
using GapLens.Judging.Analysis;
using GapLens.Judging.Folders;
using GapLens.Reporting.Plots;

namespace GapLens.GapAnalysis.Scoring;

/// <summary>Options of <c>gaplens analyze plot</c>.</summary>
public sealed record AnalyzePlotOptions(string EvalFolder, string OutDir, double PassAtOrAbove = 4);
