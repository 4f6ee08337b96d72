namespace GapLens.IO.Documents;

/// <summary>A part of a message: "text" with its text, or "frame" with the frame's id and number
/// (the image itself was sent as a data URL and is not kept).</summary>
public sealed record VideoQaPartDocument(string Type, string? Text = null, int? FrameId = null, long? FrameNumber = null);
