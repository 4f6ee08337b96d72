namespace GapLens.Video.Agent;

/// <summary>Where a video-QA run reads and writes, how many questions are in flight, and the frame rate.</summary>
/// <param name="FramesRoot">&lt;frames&gt;/&lt;key&gt;/frame_&lt;N&gt;.jpg.</param>
/// <param name="EmbeddingsRoot">&lt;embeddings&gt;/&lt;key&gt;.safetensors|.pt|.npy.</param>
/// <param name="OutDir">Receives results.jsonl and errors.jsonl (appended; a rerun resumes).</param>
/// <param name="Concurrency">Questions in flight at once.</param>
/// <param name="Fps">The frames' sampling rate; null: each embeddings file's "fps" metadata, else 1.</param>
/// <param name="RunId">Written into every line this run appends.</param>
/// <param name="ToleranceSeconds">Tolerance of the retrieval hit written into each result's metadata.</param>
public sealed record VideoQaRunOptions(
    string FramesRoot,
    string EmbeddingsRoot,
    string OutDir,
    int Concurrency = 8,
    double? Fps = null,
    string RunId = "",
    double ToleranceSeconds = Metrics.RetrievalScoring.DefaultToleranceSeconds);
