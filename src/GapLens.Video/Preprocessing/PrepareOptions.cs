using GapLens.IO.Tensors;

namespace GapLens.Video.Preprocessing;

/// <summary>How frame embeddings are computed and stored.</summary>
/// <param name="BatchSize">Frames per encoder call (and per write).</param>
/// <param name="StoreAs">Element type of the stored matrix: Float32 (default), Float16 or BFloat16
/// (half the size; retrieval widens rows as it reads).</param>
/// <param name="Concurrency">Videos prepared at once by <see cref="FrameEmbeddingPreparer.PrepareAllAsync"/>.</param>
/// <param name="Fps">The rate the frames were extracted at, recorded in the file's metadata when given.</param>
public sealed record PrepareOptions(int BatchSize = 32, TensorDType StoreAs = TensorDType.Float32, int Concurrency = 1, double? Fps = null);
