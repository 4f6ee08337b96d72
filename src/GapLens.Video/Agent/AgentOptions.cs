namespace GapLens.Video.Agent;

/// <summary>How the video-QA agent runs one question (spec 03's reference values are the defaults).</summary>
/// <param name="MaxRounds">Model replies that may call tools; then one more call asks for the answer.</param>
/// <param name="TopK">Frames returned by get_frames_by_similarity.</param>
/// <param name="MaxIdsPerCall">Frame ids get_frames_by_id accepts in one call.</param>
/// <param name="ImageMaxSide">Frames larger than this (pixels, longest side) are scaled down and
/// re-encoded as JPEG before sending (fewer tokens); null sends the files as they are.</param>
/// <param name="JpegQuality">Quality of re-encoded frames (1-100).</param>
/// <param name="FrameLabels">Put "Frame {id}:" before each frame (the reference sends the images
/// alone, so a model cannot tell which id a similarity hit has).</param>
/// <param name="ImageCacheBytes">Bound on the run's cache of re-encoded frames (with
/// <paramref name="ImageMaxSide"/>); 0 re-encodes every frame every time. Does not change what is sent.</param>
public sealed record AgentOptions(
    int MaxRounds = 10,
    int TopK = 5,
    int MaxIdsPerCall = AgentOptions.DefaultMaxIdsPerCall,
    int? ImageMaxSide = null,
    int JpegQuality = 90,
    bool FrameLabels = false,
    long ImageCacheBytes = FrameImageLoader.DefaultCacheBytes)
{
    /// <summary>Spec 03: get_frames_by_id takes up to 10 ids.</summary>
    public const int DefaultMaxIdsPerCall = 10;
}
