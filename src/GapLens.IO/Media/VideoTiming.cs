namespace GapLens.IO.Media;

/// <summary>
/// When a video's frames are shown: its frame rate, the number of frames, the presentation time of
/// the first and the last frame, and the duration (seconds). A player steps one frame by 1 / fps and
/// reaches the last frame at <see cref="LastFrameTime"/>.
/// </summary>
public sealed record VideoTiming(double Fps, int Frames, double FirstFrameTime, double LastFrameTime, double Duration);
