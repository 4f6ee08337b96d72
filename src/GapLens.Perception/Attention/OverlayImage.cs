namespace GapLens.Perception.Attention;

/// <summary>
/// One overlay written to the gallery folder: which task, end, question and frame it shows, on which
/// slice and metric, the question's and the frame's value and the frame's chance value (a uniform map
/// on the same boxes), the file (relative to the gallery folder) and its size, and whether a real frame
/// image was under it (false: a blank canvas of the video's resolution).
/// </summary>
public sealed record OverlayImage(
    string TaskId, OverlayKind Kind, string VideoId, int QuestionId, int FrameId, int Slice, LocalisationMetric Metric,
    double QuestionValue, double FrameValue, double? FrameChance, string File, int Width, int Height, bool FrameImage);
