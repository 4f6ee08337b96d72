using System.Globalization;
using GapLens.Core;
using GapLens.Core.Config;

namespace GapLens.Jobs.VideoQa;

/// <summary>Options of <c>gaplens videoqa metrics</c>: a run folder (its results.jsonl), where the report goes,
/// an optional second run to compare with, and the retrieval tolerance.</summary>
/// <param name="Results">The run folder (or its results.jsonl).</param>
/// <param name="OutDir">The report folder; null: &lt;results&gt;/report.</param>
/// <param name="Compare">Another run folder (or results.jsonl) to pair with by uid.</param>
/// <param name="ToleranceSeconds">Tolerance around the reference window for a retrieval hit.</param>
/// <param name="Frames">Frames root for the thumbnails when the results' own frame folders moved.</param>
/// <param name="Resamples">Bootstrap resamples of the paired difference.</param>
/// <param name="Seed">Bootstrap seed.</param>
public sealed record VideoQaMetricsOptions(
    string Results,
    string? OutDir = null,
    string? Compare = null,
    double ToleranceSeconds = GapLens.Video.Metrics.RetrievalScoring.DefaultToleranceSeconds,
    string? Frames = null,
    int Resamples = AnalysisDefaults.Resamples,
    ulong Seed = AnalysisDefaults.Seed) : IJobOptions
{
    /// <summary>The default --tolerance of a retrieval hit, in seconds.</summary>
    public const double DefaultToleranceSeconds = GapLens.Video.Metrics.RetrievalScoring.DefaultToleranceSeconds;

    public IEnumerable<BoundedValue> Numbers() =>
    [
        new("--tolerance", ToleranceSeconds, ValueRange.Closed(0, 3600) with { Note = "seconds" }),
        new("--resamples", Resamples, ValueRange.Integers(100, 1_000_000)),
    ];

    public void Validate() => BoundedValue.CheckAll(Numbers());

    public IEnumerable<KeyValuePair<string, string?>> Describe() =>
    [
        new("results", Results),
        new("out", OutDir),
        new("compare", Compare),
        new("tolerance_seconds", ToleranceSeconds.ToString("R", CultureInfo.InvariantCulture)),
        new("frames", Frames),
        new("resamples", Resamples.ToString(CultureInfo.InvariantCulture)),
        new("seed", Seed.ToString(CultureInfo.InvariantCulture)),
    ];
}
