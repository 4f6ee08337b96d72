using System.Globalization;
using System.Text.RegularExpressions;

namespace GapLens.IO.Tensors;

/// <summary>
/// The header of an .npy file (format versions 1.0, 2.0 and 3.0): magic "\x93NUMPY", major, minor,
/// a little-endian header length (u16 for v1, u32 for v2/v3), then a Python dict literal
/// <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (5, 8), }</c> (latin-1 for v1/v2, UTF-8 for v3).
/// </summary>
internal sealed partial record NpyHeader(string Descr, bool FortranOrder, long[] Shape, long DataStart)
{
    private const int MaxHeaderBytes = 16 << 20;

    /// <summary>Parses the header; a problem is a user error naming <paramref name="path"/>.</summary>
    public static NpyHeader Read(Stream stream, string path, long fileLength)
    {
        Span<byte> prefix = stackalloc byte[12];
        int got = stream.ReadAtLeast(prefix[..10], 10, throwOnEndOfStream: false);
        if (got < 10 || prefix[0] != 0x93 || !prefix[1..6].SequenceEqual("NUMPY"u8))
            throw TensorFileErrors.Corrupt(path, "not an .npy file (no \\x93NUMPY magic)");
        int major = prefix[6];
        long headerLength;
        int prefixLength;
        if (major == 1)
        {
            headerLength = prefix[8] | (prefix[9] << 8);
            prefixLength = 10;
        }
        else if (major is 2 or 3)
        {
            if (stream.ReadAtLeast(prefix[10..12], 2, throwOnEndOfStream: false) < 2) throw TensorFileErrors.Corrupt(path, "the .npy header is cut short");
            headerLength = BitConverter.ToUInt32(prefix[8..12]);
            prefixLength = 12;
        }
        else
        {
            throw TensorFileErrors.Corrupt(path, $".npy format version {major}.{prefix[7]} is not supported (1.0, 2.0 and 3.0 are)");
        }
        if (headerLength > MaxHeaderBytes || prefixLength + headerLength > fileLength)
            throw TensorFileErrors.Corrupt(path, $"the .npy header claims {headerLength} bytes but the file holds {fileLength - prefixLength} after the prefix");
        var bytes = new byte[headerLength];
        stream.ReadExactly(bytes);
        string text = major == 3 ? System.Text.Encoding.UTF8.GetString(bytes) : System.Text.Encoding.Latin1.GetString(bytes);
        var descr = DescrRegex().Match(text);
        var fortran = FortranRegex().Match(text);
        var shape = ShapeRegex().Match(text);
        if (!descr.Success || !fortran.Success || !shape.Success)
            throw TensorFileErrors.Corrupt(path, $"unreadable .npy header {text.Trim()} (expected 'descr' as a simple dtype string, 'fortran_order' and 'shape')");
        var dims = new List<long>();
        foreach (string part in shape.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string digits = part.TrimEnd('L');
            if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long dim))
                throw TensorFileErrors.Corrupt(path, $"unreadable .npy shape ({shape.Groups[1].Value})");
            dims.Add(dim);
        }
        return new NpyHeader(descr.Groups[1].Value, fortran.Groups[1].Value == "True", [.. dims], prefixLength + headerLength);
    }

    /// <summary>The dtype for a descr numpy writes for little-endian floats, or null.</summary>
    public TensorDType? DType => Descr switch
    {
        "<f4" => TensorDType.Float32,
        "<f2" => TensorDType.Float16,
        "<f8" => TensorDType.Float64,
        _ => null,
    };

    [GeneratedRegex(@"['""]descr['""]\s*:\s*['""]([^'""]*)['""]")]
    private static partial Regex DescrRegex();

    [GeneratedRegex(@"['""]fortran_order['""]\s*:\s*(True|False)")]
    private static partial Regex FortranRegex();

    [GeneratedRegex(@"['""]shape['""]\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapeRegex();
}
