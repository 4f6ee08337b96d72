namespace GapLens.Video.Retrieval;

/// <summary>One retrieved frame.</summary>
/// <param name="Row">Row of the embeddings matrix.</param>
/// <param name="FileName">The row's file name in the embeddings file.</param>
/// <param name="FrameNumber">N of frame_&lt;N&gt;.jpg; null when the name does not follow the rule.</param>
/// <param name="FrameId">1-based id among the frames on disk; null when the image file is missing.</param>
/// <param name="ImagePath">The image file; null when it is missing.</param>
/// <param name="Score">Cosine similarity to the query.</param>
public sealed record RetrievedFrame(int Row, string FileName, long? FrameNumber, int? FrameId, string? ImagePath, float Score)
{
    public bool ImageMissing => ImagePath is null;
}
