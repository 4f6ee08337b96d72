namespace GapLens.IO.Documents;

/// <summary>A frame shown to the model: its id (1..total), N of frame_&lt;N&gt;.jpg (t = N / fps) and, for a
/// similarity search, its cosine similarity to the query.</summary>
public sealed record VideoQaFrameDocument(int Id, long Number, double? Score = null);
