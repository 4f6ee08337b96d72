using System.Collections.Immutable;

namespace GapLens.IO.Tensors;

/// <summary>
/// An .npy file (numpy's np.save; header versions 1.0 to 3.0), memory-mapped. Little-endian float32,
/// float16 and float64, C or Fortran order. The one array is named "" (see <see cref="Tensor"/>).
/// </summary>
public sealed class NpyFile : ITensorFile
{
    private readonly TensorMemory _memory;

    private NpyFile(string path, TensorMemory memory, TensorView tensor)
    {
        Path = path;
        _memory = memory;
        Tensor = tensor;
    }

    public string Path { get; }

    public TensorView Tensor { get; }

    public IReadOnlyList<string> Names { get; } = [""];

    public IReadOnlyDictionary<string, string> Metadata { get; } = ImmutableDictionary<string, string>.Empty;

    public TensorView Get(string name) => name.Length == 0 ? Tensor : throw TensorFileErrors.Missing(Path, name, Names);

    /// <summary>Opens and checks the header (dtype, shape against the file size) before mapping.</summary>
    public static NpyFile Open(string path)
    {
        long length = TensorFileErrors.CheckReadable(path, "an .npy file");
        NpyHeader header;
        using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096))
        {
            header = NpyHeader.Read(fs, path, length);
        }
        if (header.DType is not { } dtype)
        {
            string hint = header.Descr.StartsWith('>') ? " (big-endian: re-save with arr.astype(arr.dtype.newbyteorder('<')))" : "";
            throw TensorFileErrors.Corrupt(path, $"dtype '{header.Descr}' is not readable{hint}; readable dtypes are '<f4', '<f2' and '<f8'");
        }
        long[] strides = header.FortranOrder ? FortranStrides(header.Shape) : TensorView.ContiguousStrides(header.Shape);
        long available = (length - header.DataStart) / dtype.SizeOf();
        string? problem = TensorView.LayoutProblem(available, header.Shape, strides, 0);
        if (problem is not null)
            throw TensorFileErrors.Corrupt(path, $"the header claims shape ({string.Join(", ", header.Shape)}) of '{header.Descr}' but the file holds {length - header.DataStart} bytes of data ({problem})");
        var memory = TensorMemory.Map(path, length);
        var view = TensorView.Create(memory, header.DataStart, dtype, header.Shape, strides, 0, path);
        return new NpyFile(path, memory, view);
    }

    public void Dispose() => _memory.Dispose();

    private static long[] FortranStrides(long[] shape)
    {
        long[] strides = new long[shape.Length];
        long s = 1;
        for (int d = 0; d < shape.Length; d++)
        {
            strides[d] = s;
            s *= Math.Max(1, shape[d]);
        }
        return strides;
    }
}
