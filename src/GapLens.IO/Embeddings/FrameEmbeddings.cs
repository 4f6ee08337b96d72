using System.Collections.Immutable;
using GapLens.Core;
using GapLens.IO.Tensors;

namespace GapLens.IO.Embeddings;

/// <summary>
/// One video's frame embeddings: a matrix [frames, dim] (memory-mapped, any readable dtype) and the
/// frame file name of each row. Opened from <c>&lt;key&gt;.pt</c> (torch.save({"filenames": [...],
/// "embeddings": Tensor[n, d]})), <c>&lt;key&gt;.safetensors</c> (tensor "embeddings", filenames as a
/// JSON list in the metadata key "filenames") or <c>&lt;key&gt;.npy</c> with <c>&lt;key&gt;.json</c> (a JSON
/// list of filenames, or an object with "filenames"). Checked on open: rank 2, one filename per row,
/// every value finite; problems are user errors naming the file. Dispose to unmap.
/// </summary>
public sealed class FrameEmbeddings : IDisposable
{
    private readonly ITensorFile _file;

    private FrameEmbeddings(string path, ITensorFile file, TensorView matrix, ImmutableArray<string> filenames)
    {
        Path = path;
        _file = file;
        Matrix = matrix;
        Filenames = filenames;
    }

    public string Path { get; }

    public TensorView Matrix { get; }

    public ImmutableArray<string> Filenames { get; }

    public int Rows => Filenames.Length;

    public int Dimension => Matrix.RowLength;

    /// <summary>The safetensors metadata (empty for .pt and .npy).</summary>
    public IReadOnlyDictionary<string, string> Metadata => _file.Metadata;

    public static FrameEmbeddings Open(string path)
    {
        string ext = System.IO.Path.GetExtension(path).ToLowerInvariant();
        ITensorFile file = ext switch
        {
            ".pt" or ".pth" => TorchFile.Open(path),
            ".safetensors" => SafetensorsFile.Open(path),
            ".npy" => NpyFile.Open(path),
            _ => throw new UserInputException($"{path}: unknown embeddings file type \"{ext}\"; expected .pt, .safetensors or .npy (+ .json)"),
        };
        try
        {
            var (matrix, filenames) = file switch
            {
                TorchFile t => FromTorch(t),
                SafetensorsFile s => (s.Get(FrameEmbeddingFiles.MatrixName), FrameEmbeddingFiles.ParseFilenames(s.Metadata.TryGetValue(FrameEmbeddingFiles.FilenamesKey, out var json) ? json : null, path, "the metadata key \"filenames\"")),
                _ => (file.Get(""), ReadSidecar(path)),
            };
            Check(path, matrix, filenames);
            return new FrameEmbeddings(path, file, matrix, filenames);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    public void Dispose() => _file.Dispose();

    private static (TensorView, ImmutableArray<string>) FromTorch(TorchFile t)
    {
        if (t.Root is not IReadOnlyDictionary<string, object?> dict)
            throw new UserInputException($"{t.Path}: the saved object is not a dict; expected torch.save({{\"filenames\": [...], \"embeddings\": tensor}})");
        if (!dict.TryGetValue(FrameEmbeddingFiles.FilenamesKey, out var names) || names is not IReadOnlyList<object?> list || list.Any(n => n is not string))
            throw new UserInputException($"{t.Path}: no \"filenames\" list of strings (keys: {string.Join(", ", dict.Keys)})");
        if (!dict.ContainsKey(FrameEmbeddingFiles.MatrixName))
            throw new UserInputException($"{t.Path}: no \"embeddings\" tensor (keys: {string.Join(", ", dict.Keys)})");
        return (t.Get(FrameEmbeddingFiles.MatrixName), [.. list.Cast<string>()]);
    }

    private static ImmutableArray<string> ReadSidecar(string npyPath)
    {
        string json = System.IO.Path.ChangeExtension(npyPath, ".json");
        if (!File.Exists(json)) throw new UserInputException($"{npyPath}: the filenames file {json} is missing (a JSON list of frame file names, one per row)");
        return FrameEmbeddingFiles.ParseFilenames(File.ReadAllText(json), json, "the file");
    }

    private static void Check(string path, TensorView matrix, ImmutableArray<string> filenames)
    {
        if (matrix.Rank != 2) throw new UserInputException($"{path}: embeddings have shape [{string.Join(", ", matrix.Shape)}]; expected [frames, dim]");
        if (matrix.Shape[0] != filenames.Length)
            throw new UserInputException($"{path}: {filenames.Length} filenames for {matrix.Shape[0]} embedding rows; expected one filename per row");
        if (matrix.Shape[1] == 0 && filenames.Length > 0) throw new UserInputException($"{path}: embeddings have dimension 0");
        long bad = matrix.IndexOfNonFinite();
        if (bad >= 0)
        {
            long row = bad / matrix.RowLength, col = bad % matrix.RowLength;
            float v = matrix.GetFloat(row, col);
            throw new UserInputException(FormattableString.Invariant($"{path}: embeddings row {row} ({filenames[(int)row]}), column {col} is {v}; every value must be finite"));
        }
    }
}
