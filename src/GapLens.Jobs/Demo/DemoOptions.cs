using GapLens.Core.Config;

namespace GapLens.Jobs.Demo;

/// <summary>Options of <c>gaplens demo</c>: the sample data and where the results go.</summary>
/// <param name="SamplesDir">The samples/ folder of the checkout.</param>
/// <param name="OutDir">The demo's output folder.</param>
/// <param name="VideoScoring">Whether to run the video-scoring part (it needs ffmpeg).</param>
public sealed record DemoOptions(string SamplesDir, string OutDir, bool VideoScoring) : IJobOptions
{
    /// <summary>No numeric option.</summary>
    public IEnumerable<BoundedValue> Numbers() => [];

    public IEnumerable<KeyValuePair<string, string?>> Describe() =>
    [
        new("samples", SamplesDir),
        new("out", OutDir),
        new("video_scoring", VideoScoring ? "true" : "false"),
    ];
}
