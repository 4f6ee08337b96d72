using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.IO.Compression;
using System.Numerics;
using Razorvine.Pickle;

namespace GapLens.IO.Tensors;

/// <summary>
/// A torch.save file (torch &gt;= 1.6: a zip with <c>&lt;name&gt;/data.pkl</c>, raw little-endian storages at
/// <c>&lt;name&gt;/data/&lt;key&gt;</c> and <c>&lt;name&gt;/version</c>), read without Python and memory-mapped.
/// data.pkl is unpickled with Razorvine.Pickle; each tensor (torch._utils._rebuild_tensor_v2) becomes a
/// <see cref="TensorView"/> over its storage with torch's storage offset and strides, so saved slices
/// and transposed tensors read as torch shows them. The storage's location (cpu, cuda:0, ...) is
/// ignored: the bytes are the same. float32, float16, bfloat16 and float64 are readable.
/// <see cref="Root"/> is the whole unpickled object: dicts as IReadOnlyDictionary&lt;string, object?&gt;,
/// lists and tuples as IReadOnlyList&lt;object?&gt;, str, long, double, bool, null, TensorView and
/// <see cref="UnreadableTensor"/>.
/// </summary>
public sealed class TorchFile : ITensorFile
{
    private readonly TensorMemory _memory;
    private readonly ImmutableDictionary<string, object> _tensors;

    private TorchFile(string path, TensorMemory memory, object? root, ImmutableArray<string> names, ImmutableDictionary<string, object> tensors)
    {
        Path = path;
        _memory = memory;
        Root = root;
        Names = names;
        _tensors = tensors;
    }

    public string Path { get; }

    public object? Root { get; }

    public IReadOnlyList<string> Names { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; } = ImmutableDictionary<string, string>.Empty;

    public TensorView Get(string name) => _tensors.TryGetValue(name, out var t)
        ? t as TensorView ?? throw TensorFileErrors.UnsupportedDType(Path, name, ((UnreadableTensor)t).StorageType)
        : throw TensorFileErrors.Missing(Path, name, Names);

    public static unsafe TorchFile Open(string path)
    {
        long length = TensorFileErrors.CheckReadable(path, "a torch .pt file");
        using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
        {
            Span<byte> magic = stackalloc byte[4];
            int got = fs.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
            if (got < 4 || !magic.SequenceEqual("PK\x03\x04"u8))
            {
                if (got >= 2 && magic[0] == 0x80)
                    throw TensorFileErrors.Corrupt(path, "unsupported legacy torch format (written by torch < 1.6 or with _use_new_zipfile_serialization=False, not a zip); re-save it with torch >= 1.6: torch.save(torch.load(f), f)");
                throw TensorFileErrors.Corrupt(path, "not a torch .pt file (no zip signature)");
            }
        }
        var memory = TensorMemory.Map(path, length);
        try
        {
            var entries = ZipDirectory.Read(memory.Pointer, length, path).ToDictionary(e => e.Name, StringComparer.Ordinal);
            var pkl = entries.Values.Where(e => e.Name.EndsWith("/data.pkl", StringComparison.Ordinal) && e.Name.IndexOf('/') == e.Name.Length - "/data.pkl".Length).ToList();
            if (pkl.Count != 1) throw TensorFileErrors.Corrupt(path, $"expected one <name>/data.pkl in the zip, found {pkl.Count}: not a torch.save file");
            string prefix = pkl[0].Name[..^"data.pkl".Length];
            if (entries.TryGetValue(prefix + "byteorder", out var order) && order.Method == 0
                && System.Text.Encoding.ASCII.GetString(new ReadOnlySpan<byte>(memory.Pointer + order.DataOffset, (int)Math.Min(order.Size, 16))) != "little")
                throw TensorFileErrors.Corrupt(path, "storages are big-endian; re-save on a little-endian machine");
            object? raw;
            try
            {
                using var unpickler = new TorchUnpickler();
                raw = unpickler.loads(ReadEntry(memory, pkl[0], path));
            }
            catch (Exception ex) when (ex is PickleException or InvalidCastException or InvalidOperationException or IOException or ArgumentException or FormatException)
            {
                throw TensorFileErrors.Corrupt(path, $"cannot read data.pkl: {ex.Message}");
            }
            var names = ImmutableArray.CreateBuilder<string>();
            var tensors = ImmutableDictionary.CreateBuilder<string, object>(StringComparer.Ordinal);
            object? root = Convert(raw, "", new Context(memory, entries, prefix, path, names, tensors));
            return new TorchFile(path, memory, root, names.ToImmutable(), tensors.ToImmutable());
        }
        catch
        {
            memory.Dispose();
            throw;
        }
    }

    public void Dispose() => _memory.Dispose();

    private static unsafe byte[] ReadEntry(TensorMemory memory, ZipEntryLocation e, string path)
    {
        if (e.Size > 1L << 30) throw TensorFileErrors.Corrupt(path, $"{e.Name} claims {e.Size} bytes");
        using var raw = new UnmanagedMemoryStream(memory.Pointer + e.DataOffset, e.CompressedSize);
        if (e.Method == 0) return new ReadOnlySpan<byte>(memory.Pointer + e.DataOffset, (int)e.CompressedSize).ToArray();
        if (e.Method != 8) throw TensorFileErrors.Corrupt(path, $"{e.Name} uses zip compression method {e.Method}; torch.save stores members uncompressed");
        using var inflate = new DeflateStream(raw, CompressionMode.Decompress);
        var bytes = new byte[e.Size];
        inflate.ReadExactly(bytes);
        return bytes;
    }

    private sealed record Context(TensorMemory Memory, Dictionary<string, ZipEntryLocation> Entries, string Prefix, string Path,
        ImmutableArray<string>.Builder Names, ImmutableDictionary<string, object>.Builder Tensors);

    private static object? Convert(object? value, string at, Context c)
    {
        switch (value)
        {
            case null or string or bool or double:
                return value;
            case int i:
                return (long)i;
            case long l:
                return l;
            case BigInteger b:
                return b >= long.MinValue && b <= long.MaxValue ? (long)b : (double)b;
            case TorchTensorRef t:
                {
                    object tensor = Tensor(t, at, c);
                    if (!c.Tensors.ContainsKey(at))
                    {
                        c.Names.Add(at);
                        c.Tensors[at] = tensor;
                    }
                    return tensor;
                }
            case Hashtable h:
                {
                    IEnumerable<object> keys = h is OrderedHashtable o ? o.OrderedKeys : h.Keys.Cast<object>().OrderBy(k => KeyText(k), StringComparer.Ordinal);
                    var dict = new Dictionary<string, object?>(StringComparer.Ordinal);
                    foreach (var k in keys)
                    {
                        string key = KeyText(k);
                        dict[key] = Convert(h[k], at.Length == 0 ? key : at + "." + key, c);
                    }
                    return dict;
                }
            case object[] tuple:
                return Items(tuple, at, c);
            case ArrayList list:
                return Items(list.Cast<object?>(), at, c);
            case HashSet<object> set:
                return Items(set, at, c);
            default:
                return value.ToString();
        }
    }

    private static object?[] Items(IEnumerable<object?> items, string at, Context c) =>
        [.. items.Select((v, i) => Convert(v, at.Length == 0 ? i.ToString(CultureInfo.InvariantCulture) : at + "." + i.ToString(CultureInfo.InvariantCulture), c))];

    private static string KeyText(object? k) => k switch
    {
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => k?.ToString() ?? "None",
    };

    private static object Tensor(TorchTensorRef t, string at, Context c)
    {
        var type = t.Storage.Type;
        if (type.DType is not { } dtype) return new UnreadableTensor(type.Name, [.. t.Size]);
        string entryName = c.Prefix + "data/" + t.Storage.Key;
        if (!c.Entries.TryGetValue(entryName, out var entry)) throw TensorFileErrors.Corrupt(c.Path, $"tensor \"{at}\": storage {entryName} is missing from the zip");
        if (entry.Method != 0) throw TensorFileErrors.Corrupt(c.Path, $"storage {entryName} is compressed (method {entry.Method}); torch.save stores storages uncompressed");
        long available = entry.Size / type.ElementSize;
        if (t.Storage.Numel > available)
            throw TensorFileErrors.Corrupt(c.Path, $"storage {entryName} claims {t.Storage.Numel} {dtype.TorchName()} elements but holds {available}");
        string? problem = TensorView.LayoutProblem(Math.Min(available, t.Storage.Numel), t.Size, t.Stride, t.Offset);
        if (problem is not null) throw TensorFileErrors.Corrupt(c.Path, $"tensor \"{at}\": {problem}");
        return TensorView.Create(c.Memory, entry.DataOffset, dtype, t.Size, t.Stride, t.Offset, $"{c.Path}: {(at.Length == 0 ? "tensor" : at)}");
    }
}
