namespace GapLens.IO.Tensors;

/// <summary>
/// An open tensor file (.npy, .safetensors or torch .pt), memory-mapped: its tensors by name and its
/// string metadata. Views stay valid until the file is disposed.
/// </summary>
public interface ITensorFile : IDisposable
{
    string Path { get; }

    /// <summary>Tensor names in file order: "" for the one array of an .npy; a dotted path
    /// ("embeddings", "layers.0.weight", "items.1") for the tensors inside a torch object.</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>safetensors' __metadata__; empty for the other formats.</summary>
    IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The named tensor; a user error naming the file when it is missing or its dtype is not
    /// one of float32, float16, bfloat16, float64.</summary>
    TensorView Get(string name);
}
