using GapLens.Video.Metrics;

namespace GapLens.Jobs.VideoQa;

/// <summary>What a video-QA report is built from: the metrics (with the results), questions that failed and
/// have no result, the comparison with another run when asked, the frame thumbnails written (by
/// "&lt;key&gt;/&lt;N&gt;": relative path, or null with the reason it is missing) and the run's facts.</summary>
public sealed record VideoQaReportInput(
    VideoQaMetrics Metrics,
    int FailedItems,
    string ResultsPath,
    VideoQaComparison? Comparison,
    string? ComparePath,
    IReadOnlyDictionary<string, (string? Path, string? Problem)> Thumbnails,
    string ToolVersion)
{
    /// <summary>The "Where it fails" section (<see cref="Slices.SliceBlocks.Section"/>), or null for none.</summary>
    public GapLens.Core.Reports.ReportSection? WhereItFails { get; init; }
}
