namespace GapLens.Perception.Attention;

/// <summary>
/// Reads one tensor file into memory. The seam for the shared tensor readers of GapLens.IO.Tensors
/// (.npy and .safetensors): an adapter over them replaces <see cref="NpyTensorReader"/> in
/// <see cref="AttentionMapFolder"/> without touching the metrics.
/// </summary>
internal interface ITensorFileReader
{
    /// <summary>The file extensions (with the dot) this reader understands, in order of preference.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>Reads the tensor; a malformed file is a user error naming it.</summary>
    TensorData Read(string path);
}
