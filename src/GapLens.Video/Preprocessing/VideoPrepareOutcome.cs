namespace GapLens.Video.Preprocessing;

/// <summary>The outcome for one video.</summary>
/// <param name="Key">The video key (its frames folder name).</param>
/// <param name="Status">Written, skipped or failed.</param>
/// <param name="Frames">Frames in the folder.</param>
/// <param name="OutputPath">embeddings/&lt;key&gt;.safetensors (also when failed: where it would go).</param>
/// <param name="Error">Why it failed; or, when written, why an existing file was redone; else null.</param>
public sealed record VideoPrepareOutcome(string Key, PrepareStatus Status, int Frames, string OutputPath, string? Error);
