using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text.Json;
using GapLens.Core.Json;

namespace GapLens.IO.Tensors;

/// <summary>
/// A .safetensors file, memory-mapped: an 8-byte little-endian header length N, N bytes of JSON
/// (<c>{"__metadata__": {str: str}, name: {"dtype", "shape", "data_offsets": [begin, end]}}</c>), then
/// the data (offsets relative to its start, row-major, little-endian). Every entry is checked against
/// the file size before mapping; F32, F16, BF16 and F64 tensors are readable, other dtypes are listed
/// and refused by <see cref="Get"/>.
/// </summary>
public sealed class SafetensorsFile : ITensorFile
{
    private const long MaxHeaderBytes = 100L << 20;

    private readonly TensorMemory _memory;
    private readonly ImmutableDictionary<string, Entry> _entries;

    private SafetensorsFile(string path, TensorMemory memory, ImmutableArray<string> names, ImmutableDictionary<string, Entry> entries, IReadOnlyDictionary<string, string> metadata)
    {
        Path = path;
        _memory = memory;
        Names = names;
        _entries = entries;
        Metadata = metadata;
    }

    public string Path { get; }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The dtype name as written (F32, I64, ...) of a tensor.</summary>
    public string DTypeNameOf(string name) => _entries.TryGetValue(name, out var e) ? e.DTypeName : throw TensorFileErrors.Missing(Path, name, Names);

    public TensorView Get(string name)
    {
        if (!_entries.TryGetValue(name, out var e)) throw TensorFileErrors.Missing(Path, name, Names);
        if (e.DType is not { } dtype) throw TensorFileErrors.UnsupportedDType(Path, name, e.DTypeName);
        return TensorView.Create(_memory, e.Begin, dtype, e.Shape, TensorView.ContiguousStrides(e.Shape), 0, $"{Path}: {name}");
    }

    public static SafetensorsFile Open(string path)
    {
        long length = TensorFileErrors.CheckReadable(path, "a .safetensors file");
        byte[] header;
        using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
        {
            Span<byte> prefix = stackalloc byte[8];
            if (fs.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8) throw TensorFileErrors.Corrupt(path, $"not a .safetensors file ({length} bytes, shorter than the 8-byte header length)");
            ulong n = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
            if (n > (ulong)(length - 8) || n > MaxHeaderBytes)
                throw TensorFileErrors.Corrupt(path, $"not a .safetensors file, or cut short: the header length says {n} bytes but {length - 8} follow (at most {MaxHeaderBytes} allowed)");
            header = new byte[n];
            fs.ReadExactly(header);
        }
        long dataStart = 8 + header.Length;
        var (names, entries, metadata) = ParseHeader(header, path, dataStart, length);
        var memory = TensorMemory.Map(path, length);
        return new SafetensorsFile(path, memory, names, entries, metadata);
    }

    public void Dispose() => _memory.Dispose();

    private static (ImmutableArray<string>, ImmutableDictionary<string, Entry>, IReadOnlyDictionary<string, string>) ParseHeader(byte[] header, string path, long dataStart, long fileLength)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(header);
        }
        catch (JsonException ex)
        {
            throw TensorFileErrors.Corrupt(path, $"the safetensors header is not JSON ({JsonErrorText.Of(ex)})");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object) throw TensorFileErrors.Corrupt(path, "the safetensors header is not a JSON object");
            var names = ImmutableArray.CreateBuilder<string>();
            var entries = ImmutableDictionary.CreateBuilder<string, Entry>(StringComparer.Ordinal);
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            long dataLength = fileLength - dataStart;
            foreach (var prop in doc.RootElement.EnumerateObject())
            {
                if (prop.Name == "__metadata__")
                {
                    if (prop.Value.ValueKind != JsonValueKind.Object) throw TensorFileErrors.Corrupt(path, "__metadata__ is not an object of strings");
                    foreach (var m in prop.Value.EnumerateObject())
                    {
                        if (m.Value.ValueKind != JsonValueKind.String) throw TensorFileErrors.Corrupt(path, $"__metadata__ value \"{m.Name}\" is {m.Value.ValueKind}; safetensors metadata values are strings");
                        metadata[m.Name] = m.Value.GetString()!;
                    }
                    continue;
                }
                var entry = ParseEntry(prop, path);
                long count = 1;
                try
                {
                    foreach (long d in entry.Shape) count = checked(count * d);
                }
                catch (OverflowException)
                {
                    throw TensorFileErrors.Corrupt(path, $"tensor \"{prop.Name}\": the shape's element count overflows");
                }
                if (entry.End < entry.Begin || entry.End > dataLength)
                    throw TensorFileErrors.Corrupt(path, $"tensor \"{prop.Name}\" claims bytes [{entry.Begin}, {entry.End}) but the file holds {dataLength} bytes of data");
                if (entry.ElementSize is { } size && (entry.End - entry.Begin) != count * size)
                    throw TensorFileErrors.Corrupt(path, $"tensor \"{prop.Name}\": shape [{string.Join(", ", entry.Shape)}] of {entry.DTypeName} needs {count * size} bytes but data_offsets give {entry.End - entry.Begin}");
                names.Add(prop.Name);
                entries[prop.Name] = entry with { Begin = entry.Begin + dataStart, End = entry.End + dataStart };
            }
            return (names.ToImmutable(), entries.ToImmutable(), metadata);
        }
    }

    private static Entry ParseEntry(JsonProperty prop, string path)
    {
        var v = prop.Value;
        if (v.ValueKind != JsonValueKind.Object
            || !v.TryGetProperty("dtype", out var dt) || dt.ValueKind != JsonValueKind.String
            || !v.TryGetProperty("shape", out var sh) || sh.ValueKind != JsonValueKind.Array
            || !v.TryGetProperty("data_offsets", out var off) || off.ValueKind != JsonValueKind.Array || off.GetArrayLength() != 2)
            throw TensorFileErrors.Corrupt(path, $"tensor \"{prop.Name}\" needs \"dtype\", \"shape\" and two \"data_offsets\"");
        var shape = new long[sh.GetArrayLength()];
        int i = 0;
        foreach (var d in sh.EnumerateArray())
        {
            if (!d.TryGetInt64(out long dim) || dim < 0) throw TensorFileErrors.Corrupt(path, $"tensor \"{prop.Name}\" has shape entry {d.GetRawText()}; expected a non-negative integer");
            shape[i++] = dim;
        }
        if (!off[0].TryGetInt64(out long begin) || !off[1].TryGetInt64(out long end) || begin < 0)
            throw TensorFileErrors.Corrupt(path, $"tensor \"{prop.Name}\" has data_offsets {off.GetRawText()}; expected two non-negative integers");
        string name = dt.GetString()!;
        var (dtype, size) = name switch
        {
            "F32" => ((TensorDType?)TensorDType.Float32, (int?)4),
            "F16" => (TensorDType.Float16, 2),
            "BF16" => (TensorDType.BFloat16, 2),
            "F64" => (TensorDType.Float64, 8),
            "I64" or "U64" => (null, 8),
            "I32" or "U32" => (null, 4),
            "I16" or "U16" => (null, 2),
            "I8" or "U8" or "BOOL" or "F8_E4M3" or "F8_E5M2" => (null, 1),
            _ => (null, null),
        };
        return new Entry(name, dtype, size, shape, begin, end);
    }

    private sealed record Entry(string DTypeName, TensorDType? DType, int? ElementSize, long[] Shape, long Begin, long End);
}
