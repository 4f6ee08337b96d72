using System.Collections.Immutable;
using System.Globalization;
using GapLens.Core;
using GapLens.Core.Config;
using GapLens.Perception.Attention;

namespace GapLens.Jobs.Perception;

/// <summary>Options of <c>gaplens perception attention</c>.</summary>
/// <param name="Annotations">The annotation file with object tracks.</param>
/// <param name="Maps">The maps folder: &lt;video_id&gt;/&lt;question_id&gt;.npy with a .json sidecar (docs/perception.md).</param>
/// <param name="OutDir">Where attention.json, samples.jsonl, overlays/ and the report go.</param>
/// <param name="Answers">The model's answers, for the link between attention and correctness (null: no link).</param>
/// <param name="Lenient">Score a partial answers file.</param>
/// <param name="Videos">Videos (&lt;video_id&gt;.mp4) or extracted frames (&lt;video_id&gt;/&lt;frame&gt;.png) under the overlays (null: blank canvas).</param>
/// <param name="Objects">Label terms of the relevant objects (empty: every tracked object).</param>
/// <param name="Matching">How a map frame finds the annotated boxes: nearest, exact or interpolate.</param>
/// <param name="FrameTolerance">Frames between a map frame and an annotation (null: half a second).</param>
/// <param name="PointingTolerance">Pointing-game tolerance in map cells.</param>
/// <param name="IouFraction">IoU threshold as a fraction of the map's maximum.</param>
/// <param name="RankBy">The metric whose link with correctness ranks the layers and heads (pointing_game, mass_ratio, rank_accuracy, iou, roc_auc).</param>
/// <param name="Threads">Threads for the per-question work (null: all cores).</param>
public sealed record PerceptionAttentionOptions(
    string Annotations,
    string Maps,
    string OutDir,
    string? Answers = null,
    bool Lenient = false,
    string? Videos = null,
    ImmutableArray<string> Objects = default,
    string Matching = "nearest",
    int? FrameTolerance = null,
    double PointingTolerance = 0,
    double IouFraction = 0.15,
    string RankBy = "mass_ratio",
    int? Threads = null) : IJobOptions
{
    public const int MaxThreads = 256;

    private static readonly (string Name, FrameMatching Value)[] Matchings = [("nearest", FrameMatching.Nearest), ("exact", FrameMatching.Exact), ("interpolate", FrameMatching.Interpolate)];

    public IEnumerable<BoundedValue> Numbers() =>
    [
        new("--iou-fraction", IouFraction, ValueRange.AboveUpTo(0, 1) with { Note = "a fraction of the map's maximum" }),
        new("--pointing-tolerance", PointingTolerance, ValueRange.Closed(0, 64) with { Note = "map cells" }),
        new("--frame-tolerance", FrameTolerance, ValueRange.Integers(0, 1_000_000) with { Note = "frames", NullMeans = "half a second" }),
        new("--threads", Threads, ValueRange.Integers(1, MaxThreads) with { NullMeans = "all cores" }),
    ];

    /// <summary>Checks every value at the boundary: one line naming the option, the value and what is allowed.</summary>
    public void Validate()
    {
        _ = ParsedMatching;
        _ = ParsedRankBy;
        BoundedValue.CheckAll(Numbers());
        if (!Objects.IsDefault && Objects.Any(string.IsNullOrWhiteSpace)) throw new UserInputException("--objects: a label term is empty; give words such as 'cup' or 'ball'");
    }

    public FrameMatching ParsedMatching => Matchings.FirstOrDefault(m => string.Equals(m.Name, Matching, StringComparison.OrdinalIgnoreCase)) is { Name: not null } hit
        ? hit.Value : throw new UserInputException($"--frame-matching must be one of {string.Join(", ", Matchings.Select(m => m.Name))}, got '{Matching}'");

    public LocalisationMetric ParsedRankBy => PerceptionAttentionReportBuilder.Metrics.Where(m => string.Equals(PerceptionAttentionReportBuilder.Key(m), RankBy, StringComparison.OrdinalIgnoreCase)).Cast<LocalisationMetric?>().FirstOrDefault()
        ?? throw new UserInputException($"--rank-by must be one of {string.Join(", ", PerceptionAttentionReportBuilder.Metrics.Select(PerceptionAttentionReportBuilder.Key))}, got '{RankBy}'");

    /// <summary>The library's settings for these options.</summary>
    public AttentionOptions ToAnalysis() => new()
    {
        ObjectLabels = Objects.IsDefault ? [] : Objects,
        FrameMatching = ParsedMatching,
        FrameTolerance = FrameTolerance,
        PointingTolerance = PointingTolerance,
        IouFraction = IouFraction,
        RankBy = ParsedRankBy,
        MaxDegreeOfParallelism = Threads,
    };

    public IEnumerable<KeyValuePair<string, string?>> Describe() =>
    [
        new("annotations", Annotations),
        new("maps", Maps),
        new("out", OutDir),
        new("answers", Answers),
        new("lenient", Lenient ? "true" : "false"),
        new("videos", Videos),
        new("objects", Objects.IsDefaultOrEmpty ? null : string.Join(",", Objects)),
        new("frame_matching", Matching),
        new("frame_tolerance", FrameTolerance?.ToString(CultureInfo.InvariantCulture)),
        new("pointing_tolerance", PointingTolerance.ToString("R", CultureInfo.InvariantCulture)),
        new("iou_fraction", IouFraction.ToString("R", CultureInfo.InvariantCulture)),
        new("rank_by", RankBy),
        new("threads", Threads?.ToString(CultureInfo.InvariantCulture)),
    ];
}
