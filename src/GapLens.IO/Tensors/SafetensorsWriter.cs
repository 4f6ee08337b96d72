using System.Buffers;
using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using GapLens.IO.Files;

namespace GapLens.IO.Tensors;

/// <summary>
/// Writes a .safetensors file atomically and in a stream: the header (shapes known up front) goes
/// first, then each tensor's values in order, appended in any number of pieces (so a matrix computed
/// in batches is never held whole), to a hidden temporary file that <see cref="Commit"/> checks (every
/// byte written), flushes to disk and renames into place. Disposing without committing deletes the
/// temporary file, so a killed or failed write never leaves a file that looks complete.
/// </summary>
public sealed class SafetensorsWriter : IDisposable
{
    private readonly string _target;
    private readonly string _temp;
    private readonly FileStream _stream;
    private readonly IReadOnlyList<SafetensorsTensorSpec> _tensors;
    private int _current;
    private long _writtenInCurrent;
    private bool _committed;

    private SafetensorsWriter(string target, string temp, FileStream stream, IReadOnlyList<SafetensorsTensorSpec> tensors)
    {
        _target = target;
        _temp = temp;
        _stream = stream;
        _tensors = tensors;
    }

    public string Path => _target;

    /// <summary>Starts a file with these tensors (written in this order) and string metadata.</summary>
    public static SafetensorsWriter Create(string path, IReadOnlyList<SafetensorsTensorSpec> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tensors)
        {
            if (t.Name == "__metadata__" || !names.Add(t.Name)) throw new ArgumentException($"tensor name \"{t.Name}\" is reserved or repeated", nameof(tensors));
        }
        byte[] header = Header(tensors, metadata);
        string full = System.IO.Path.GetFullPath(path);
        string temp = AtomicFile.TempPathFor(full);
        var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        try
        {
            Span<byte> len = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)header.Length);
            fs.Write(len);
            fs.Write(header);
        }
        catch
        {
            fs.Dispose();
            File.Delete(temp);
            throw;
        }
        var writer = new SafetensorsWriter(full, temp, fs, tensors);
        writer.SkipEmpty();
        return writer;
    }

    /// <summary>Writes a whole file of one float32 tensor (converted to <paramref name="dtype"/>).</summary>
    public static void Write(string path, string name, ReadOnlySpan<float> values, ReadOnlySpan<long> shape, TensorDType dtype = TensorDType.Float32, IReadOnlyDictionary<string, string>? metadata = null)
    {
        using var w = Create(path, [new SafetensorsTensorSpec(name, dtype, [.. shape])], metadata);
        w.Append(values);
        w.Commit();
    }

    /// <summary>Appends values to the current tensor, converted to its dtype (values that do not fit
    /// the current tensor flow into the next).</summary>
    public void Append(ReadOnlySpan<float> values)
    {
        while (!values.IsEmpty)
        {
            var spec = CurrentSpec();
            int size = spec.DType.SizeOf();
            long room = (spec.ByteLength - _writtenInCurrent) / size;
            int take = (int)Math.Min(room, Math.Min(values.Length, 1 << 16));
            WriteConverted(values[..take], spec.DType);
            Advance((long)take * size);
            values = values[take..];
        }
    }

    /// <summary>Appends raw little-endian bytes of the current tensor's dtype.</summary>
    public void AppendBytes(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var spec = CurrentSpec();
            int take = (int)Math.Min(spec.ByteLength - _writtenInCurrent, bytes.Length);
            _stream.Write(bytes[..take]);
            Advance(take);
            bytes = bytes[take..];
        }
    }

    /// <summary>Checks that every tensor is complete, flushes to disk and renames into place.</summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        if (_current < _tensors.Count)
            throw new InvalidOperationException($"{_target}: tensor \"{_tensors[_current].Name}\" has {_writtenInCurrent} of {_tensors[_current].ByteLength} bytes");
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(_temp, _target, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (_committed) return;
        _stream.Dispose();
        try
        {
            File.Delete(_temp);
        }
        catch (IOException)
        {
            // Best effort: the hidden temporary name never looks like an output.
        }
        _committed = true;
    }

    private SafetensorsTensorSpec CurrentSpec()
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        if (_current >= _tensors.Count) throw new InvalidOperationException($"{_target}: more data than the header's tensors hold");
        return _tensors[_current];
    }

    private void Advance(long bytes)
    {
        _writtenInCurrent += bytes;
        SkipEmpty();
    }

    private void SkipEmpty()
    {
        while (_current < _tensors.Count && _writtenInCurrent == _tensors[_current].ByteLength)
        {
            _current++;
            _writtenInCurrent = 0;
        }
    }

    private void WriteConverted(ReadOnlySpan<float> values, TensorDType dtype)
    {
        switch (dtype)
        {
            case TensorDType.Float32:
                _stream.Write(MemoryMarshal.AsBytes(values));
                return;
            case TensorDType.Float16:
                WriteAs<Half>(values, static (v, d) => TensorPrimitives.ConvertToHalf(v, d));
                return;
            case TensorDType.BFloat16:
                WriteAs<ushort>(values, static (v, d) => BFloat16Bits.FromSingle(v, d));
                return;
            default:
                WriteAs<double>(values, static (v, d) => TensorPrimitives.ConvertChecked(v, d));
                return;
        }
    }

    private delegate void Narrow<T>(ReadOnlySpan<float> values, Span<T> destination);

    /// <summary>Converts through a pooled buffer and writes the little-endian bytes.</summary>
    private void WriteAs<T>(ReadOnlySpan<float> values, Narrow<T> convert)
        where T : unmanaged
    {
        var buf = ArrayPool<T>.Shared.Rent(values.Length);
        convert(values, buf);
        _stream.Write(MemoryMarshal.AsBytes(buf.AsSpan(0, values.Length)));
        ArrayPool<T>.Shared.Return(buf);
    }

    /// <summary>The JSON header, padded with spaces to a multiple of 8 bytes (as the reference writer does).</summary>
    private static byte[] Header(IReadOnlyList<SafetensorsTensorSpec> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var ms = new MemoryStream();
        using (var json = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject("__metadata__");
                foreach (var (k, v) in metadata) json.WriteString(k, v);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var t in tensors)
            {
                json.WriteStartObject(t.Name);
                json.WriteString("dtype", t.DType.SafetensorsName());
                json.WriteStartArray("shape");
                foreach (long d in t.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                offset += t.ByteLength;
                json.WriteNumberValue(offset);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        int pad = (int)((8 - ms.Length % 8) % 8);
        for (int i = 0; i < pad; i++) ms.WriteByte((byte)' ');
        return ms.ToArray();
    }
}
