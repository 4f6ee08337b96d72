namespace GapLens.Video.Frames;

/// <summary>One frame image of a video.</summary>
/// <param name="Id">1-based position among the video's frames in frame-number order: the id a model
/// sees (1..total).</param>
/// <param name="Number">N of frame_&lt;N&gt;.jpg.</param>
/// <param name="FileName">The file name (no folder).</param>
/// <param name="Path">The full path.</param>
public sealed record FrameFile(int Id, long Number, string FileName, string Path);
