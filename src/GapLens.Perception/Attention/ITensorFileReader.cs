namespace GapLens.Perception.Attention;

/// <summary>
/// Reads one tensor file into memory for <see cref="AttentionMapFolder"/>: the seam between the map
/// layout and the file formats (<see cref="TensorFileReader"/> over GapLens.IO.Tensors; tests may
/// substitute their own).
/// </summary>
internal interface ITensorFileReader
{
    /// <summary>The file extensions (with the dot) this reader understands, in order of preference.</summary>
    IReadOnlyList<string> Extensions { get; }

    /// <summary>Reads the tensor; a malformed file is a user error naming it.</summary>
    TensorData Read(string path);
}
