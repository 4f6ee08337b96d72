using System.Globalization;
using GapLens.Core;
using GapLens.Core.Config;

namespace GapLens.Jobs.Scoring;

/// <summary>Options of <c>gaplens analyze stats</c>.</summary>
public sealed record AnalyzeStatsOptions(
    string JudgeDir,
    string HumanDir,
    string OutDir,
    double PassAtOrAbove = AnalysisDefaults.PassAtOrAbove,
    double Margin = AnalysisDefaults.EquivalenceMargin,
    int Resamples = AnalysisDefaults.Resamples,
    ulong Seed = AnalysisDefaults.Seed) : IJobOptions
{
    /// <summary>The seed is any unsigned 64-bit integer (its type is its range).</summary>
    public IEnumerable<BoundedValue> Numbers() =>
    [
        new("--pass-at", PassAtOrAbove, AnalysisDefaults.PassAtRange),
        new("--margin", Margin, AnalysisDefaults.EquivalenceMarginRange),
        new("--resamples", Resamples, AnalysisDefaults.ResamplesRange),
    ];

    public IEnumerable<KeyValuePair<string, string?>> Describe() =>
    [
        new("judge", JudgeDir),
        new("human", HumanDir),
        new("out", OutDir),
        new("pass_at", PassAtOrAbove.ToString("R", CultureInfo.InvariantCulture)),
        new("margin", Margin.ToString("R", CultureInfo.InvariantCulture)),
        new("resamples", Resamples.ToString(CultureInfo.InvariantCulture)),
        new("seed", Seed.ToString(CultureInfo.InvariantCulture)),
    ];
}
