using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using GapLens.Core;
using GapLens.IO.Files;

namespace GapLens.Perception.Attention;

/// <summary>
/// A minimal NumPy .npy reader (format versions 1-3): little-endian float16, float32 or float64, C
/// order. Kept small and internal on purpose: the shared readers in GapLens.IO.Tensors replace it
/// behind <see cref="ITensorFileReader"/>.
/// </summary>
internal sealed partial class NpyTensorReader : ITensorFileReader
{
    public IReadOnlyList<string> Extensions { get; } = [".npy"];

    [GeneratedRegex(@"'descr':\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order':\s*(True|False)")]
    private static partial Regex OrderPattern();

    [GeneratedRegex(@"'shape':\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();

    public TensorData Read(string path)
    {
        using var fs = InputFile.OpenForReading(path, "attention map");
        Span<byte> start = stackalloc byte[12];
        int got = fs.ReadAtLeast(start, 12, throwOnEndOfStream: false);
        if (got < 10 || start[0] != 0x93 || !start.Slice(1, 5).SequenceEqual("NUMPY"u8)) throw Bad(path, "not a .npy file (no \\x93NUMPY magic)");
        int major = start[6];
        int headerLen, offset;
        if (major == 1)
        {
            headerLen = BinaryPrimitives.ReadUInt16LittleEndian(start[8..]);
            offset = 10;
        }
        else if (major is 2 or 3)
        {
            if (got < 12) throw Bad(path, "truncated header");
            headerLen = (int)BinaryPrimitives.ReadUInt32LittleEndian(start[8..]);
            offset = 12;
        }
        else
        {
            throw Bad(path, $"format version {major} is not supported (1, 2 or 3)");
        }
        if (headerLen < 0 || offset + (long)headerLen > fs.Length) throw Bad(path, "truncated header");
        var headerBytes = new byte[headerLen];
        fs.Position = offset;
        fs.ReadExactly(headerBytes);
        string header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        var descr = DescrPattern().Match(header);
        var order = OrderPattern().Match(header);
        var shapeText = ShapePattern().Match(header);
        if (!descr.Success || !order.Success || !shapeText.Success) throw Bad(path, "header without descr, fortran_order and shape");
        if (order.Groups[1].Value == "True") throw Bad(path, "Fortran-ordered arrays are not supported; save with numpy.ascontiguousarray");
        var shape = shapeText.Groups[1].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => int.TryParse(d.TrimEnd('L'), NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v : throw Bad(path, $"shape entry '{d}'"))
            .ToImmutableArray();
        long count = shape.Aggregate(1L, (a, d) => a * d);
        int size = descr.Groups[1].Value switch
        {
            "<f2" => 2,
            "<f4" => 4,
            "<f8" => 8,
            var d => throw Bad(path, $"dtype '{d}' is not supported (float16, float32 or float64, little-endian)"),
        };
        long data = fs.Length - offset - headerLen;
        if (data != count * size) throw Bad(path, $"holds {data} data bytes; shape ({string.Join(", ", shape)}) of {descr.Groups[1].Value} needs {count * size}");
        var values = new float[count];
        if (size == 4 && BitConverter.IsLittleEndian)
        {
            fs.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan())); // straight into the floats
        }
        else
        {
            var raw = new byte[data];
            fs.ReadExactly(raw);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = size == 2 ? (float)BinaryPrimitives.ReadHalfLittleEndian(raw.AsSpan(i * 2))
                    : size == 4 ? BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(i * 4))
                    : (float)BinaryPrimitives.ReadDoubleLittleEndian(raw.AsSpan(i * 8));
            }
        }
        return new TensorData(shape, values);
    }

    private static UserInputException Bad(string path, string what) => new($"attention map {path}: {what}.");
}
