namespace GapLens.Jobs.VlmBcq;

/// <summary>One FP or FN case shown in the report: as written to kpi_gaps.jsonl (video path resolved),
/// and the thumbnail of the video's last frame when one could be made (or why not).</summary>
public sealed record BcqExample(string ErrorType, string Video, string Question, string Response, string GroundTruth)
{
    /// <summary>The thumbnail's path relative to the results folder (null: see <see cref="ThumbnailProblem"/>).</summary>
    public string? Thumbnail { get; init; }

    public string? ThumbnailProblem { get; init; }
}
