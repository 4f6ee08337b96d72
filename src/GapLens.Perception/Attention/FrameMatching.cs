namespace GapLens.Perception.Attention;

/// <summary>How a map frame (any video frame) finds object boxes, which are annotated about once a second.</summary>
public enum FrameMatching
{
    /// <summary>Each object's annotation nearest to the frame, if within the tolerance (default half a second).</summary>
    Nearest,

    /// <summary>Only objects annotated at exactly this frame.</summary>
    Exact,

    /// <summary>Linear interpolation between the object's two annotations around the frame when they are
    /// at most twice the tolerance apart; otherwise as Nearest.</summary>
    Interpolate,
}
