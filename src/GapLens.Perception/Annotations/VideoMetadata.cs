namespace GapLens.Perception.Annotations;

/// <summary>A video's <c>metadata</c>: split, frame rate (frames per second), number of frames and
/// resolution in pixels (the file stores [height, width]). Null where the file leaves a field out.</summary>
public sealed record VideoMetadata(string? Split, double? FrameRate, int? NumFrames, int? Height, int? Width);
