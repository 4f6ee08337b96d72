using System.Collections.Immutable;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace GapLens.IO.Tensors;

/// <summary>
/// An n-dimensional, read-only view of tensor data in a file (memory-mapped) or in memory: dtype,
/// shape, strides and storage offset in elements, as torch and numpy define them. Reads return float
/// whatever the stored dtype. A "row" is one vector along the last dimension; rows are numbered in
/// C order over the leading dimensions, so an attention map [layers][heads][frames][h][w] has
/// layers*heads*frames*h rows of w values, and <see cref="Select"/> narrows it to one layer or head.
/// Thread-safe for reading. A view is valid while the file it came from is open.
/// </summary>
public sealed unsafe class TensorView
{
    private readonly TensorMemory _memory;
    private readonly long _baseByte;
    private readonly long[] _shape;
    private readonly long[] _strides;
    private readonly int _size;

    private TensorView(TensorMemory memory, long baseByte, TensorDType dtype, long[] shape, long[] strides, long offset, string source)
    {
        _memory = memory;
        _baseByte = baseByte;
        DType = dtype;
        _shape = shape;
        _strides = strides;
        StorageOffset = offset;
        Source = source;
        _size = dtype.SizeOf();
        long n = 1;
        foreach (long s in shape) n *= s;
        ElementCount = n;
    }

    public TensorDType DType { get; }

    public ImmutableArray<long> Shape => [.. _shape];

    /// <summary>Strides in elements (not bytes), as torch's <c>stride()</c>.</summary>
    public ImmutableArray<long> Strides => [.. _strides];

    /// <summary>Offset of element [0, 0, ...] in the storage, in elements.</summary>
    public long StorageOffset { get; }

    public int Rank => _shape.Length;

    public long ElementCount { get; }

    /// <summary>The file and tensor name, for messages.</summary>
    public string Source { get; }

    /// <summary>Length of the last dimension (1 for a scalar).</summary>
    public int RowLength => _shape.Length == 0 ? 1 : checked((int)_shape[^1]);

    /// <summary>Number of rows: the product of all dimensions but the last (1 for a vector or scalar).</summary>
    public long RowCount
    {
        get
        {
            long n = 1;
            for (int d = 0; d < _shape.Length - 1; d++) n *= _shape[d];
            return n;
        }
    }

    /// <summary>Each row is contiguous in memory (last stride 1), so <see cref="RowSpan{T}"/> works.</summary>
    public bool HasContiguousRows => _shape.Length == 0 || _shape[^1] <= 1 || _strides[^1] == 1;

    /// <summary>The whole tensor is contiguous in C order.</summary>
    public bool IsContiguous
    {
        get
        {
            long expected = 1;
            for (int d = _shape.Length - 1; d >= 0; d--)
            {
                if (_shape[d] != 1 && _strides[d] != expected) return false;
                expected *= _shape[d];
            }
            return true;
        }
    }

    /// <summary>One element as float.</summary>
    public float GetFloat(params ReadOnlySpan<long> index)
    {
        if (index.Length != _shape.Length) throw new ArgumentException($"{Source}: {index.Length} indices for a tensor of rank {Rank}", nameof(index));
        long e = StorageOffset;
        for (int d = 0; d < index.Length; d++)
        {
            if ((ulong)index[d] >= (ulong)_shape[d]) throw new ArgumentOutOfRangeException(nameof(index), $"{Source}: index {index[d]} out of range for dimension {d} of size {_shape[d]}");
            e += index[d] * _strides[d];
        }
        return ReadScalar(ElementPointer(e), DType);
    }

    /// <summary>The view with dimension <paramref name="dim"/> fixed at <paramref name="index"/> (rank - 1).</summary>
    public TensorView Select(int dim, long index)
    {
        CheckDim(dim);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((ulong)index, (ulong)_shape[dim], nameof(index));
        return new TensorView(_memory, _baseByte, DType, [.. _shape[..dim], .. _shape[(dim + 1)..]],
            [.. _strides[..dim], .. _strides[(dim + 1)..]], StorageOffset + index * _strides[dim], Source);
    }

    /// <summary>Elements [start, start + length) of dimension <paramref name="dim"/>.</summary>
    public TensorView Slice(int dim, long start, long length)
    {
        CheckDim(dim);
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start + length, _shape[dim], nameof(length));
        long[] shape = [.. _shape];
        shape[dim] = length;
        return new TensorView(_memory, _baseByte, DType, shape, [.. _strides], length == 0 ? StorageOffset : StorageOffset + start * _strides[dim], Source);
    }

    /// <summary>Dimensions reordered: <c>Permute(1, 0)</c> transposes a matrix (no copy).</summary>
    public TensorView Permute(params ReadOnlySpan<int> order)
    {
        if (order.Length != Rank) throw new ArgumentException($"{order.Length} dimensions for a tensor of rank {Rank}", nameof(order));
        var seen = new bool[Rank];
        long[] shape = new long[Rank], strides = new long[Rank];
        for (int i = 0; i < order.Length; i++)
        {
            CheckDim(order[i]);
            if (seen[order[i]]) throw new ArgumentException($"dimension {order[i]} appears twice", nameof(order));
            seen[order[i]] = true;
            shape[i] = _shape[order[i]];
            strides[i] = _strides[order[i]];
        }
        return new TensorView(_memory, _baseByte, DType, shape, strides, StorageOffset, Source);
    }

    /// <summary>Row <paramref name="row"/> (C order over the leading dimensions) as floats.</summary>
    public void ReadRow(long row, Span<float> destination)
    {
        int n = RowLength;
        if (destination.Length < n) throw new ArgumentException($"destination holds {destination.Length} values; a row has {n}", nameof(destination));
        long e = RowStart(row);
        byte* p = ElementPointer(e);
        if (HasContiguousRows)
        {
            Convert(p, DType, n, destination);
            return;
        }
        long step = _strides[^1] * _size;
        for (int i = 0; i < n; i++) destination[i] = ReadScalar(p + i * step, DType);
    }

    /// <summary>
    /// Row <paramref name="row"/> in its stored type, without a copy: <c>float</c> for Float32,
    /// <c>Half</c> for Float16, <c>ushort</c> (bit patterns, see <see cref="BFloat16Bits"/>) for BFloat16,
    /// <c>double</c> for Float64. Needs <see cref="HasContiguousRows"/>.
    /// </summary>
    public ReadOnlySpan<T> RowSpan<T>(long row)
        where T : unmanaged
    {
        if (sizeof(T) != _size) throw new InvalidOperationException($"{Source}: {typeof(T).Name} does not match dtype {DType.TorchName()}");
        if (!HasContiguousRows) throw new InvalidOperationException($"{Source}: rows are not contiguous (last stride {_strides[^1]}); use ReadRow");
        return new ReadOnlySpan<T>(ElementPointer(RowStart(row)), RowLength);
    }

    /// <summary>
    /// Rows [<paramref name="firstRow"/>, +count) of a rank-2 view as one span of the stored type, when
    /// they lie back to back in memory (row stride = row length).
    /// </summary>
    public ReadOnlySpan<T> RowBlockSpan<T>(long firstRow, int count)
        where T : unmanaged
    {
        if (sizeof(T) != _size) throw new InvalidOperationException($"{Source}: {typeof(T).Name} does not match dtype {DType.TorchName()}");
        if (Rank != 2 || !IsContiguous) throw new InvalidOperationException($"{Source}: rows are not back to back");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstRow + count, _shape[0], nameof(count));
        return new ReadOnlySpan<T>(ElementPointer(StorageOffset + firstRow * _strides[0]), checked(count * RowLength));
    }

    /// <summary>Every element as float, in C order.</summary>
    public void CopyTo(Span<float> destination)
    {
        if (destination.Length < ElementCount) throw new ArgumentException($"destination holds {destination.Length} values; the tensor has {ElementCount}", nameof(destination));
        int n = RowLength;
        long rows = ElementCount == 0 ? 0 : RowCount;
        for (long r = 0; r < rows; r++) ReadRow(r, destination.Slice(checked((int)(r * n)), n));
    }

    public float[] ToArray()
    {
        var a = new float[checked((int)ElementCount)];
        CopyTo(a);
        return a;
    }

    /// <summary>The C-order index of the first inf or NaN, or -1 when every value is finite.</summary>
    public long IndexOfNonFinite()
    {
        if (ElementCount == 0) return -1;
        int n = RowLength;
        float[]? buffer = null;
        for (long r = 0; r < RowCount; r++)
        {
            bool finite;
            if (HasContiguousRows)
            {
                finite = DType switch
                {
                    TensorDType.Float32 => TensorPrimitives.IsFiniteAll(RowSpan<float>(r)),
                    TensorDType.Float16 => TensorPrimitives.IsFiniteAll(RowSpan<Half>(r)),
                    TensorDType.BFloat16 => BFloat16Bits.AllFinite(RowSpan<ushort>(r)),
                    _ => TensorPrimitives.IsFiniteAll(RowSpan<double>(r)),
                };
            }
            else
            {
                buffer ??= new float[n];
                ReadRow(r, buffer);
                finite = DType == TensorDType.Float64 ? RowFiniteAsDouble(r) : TensorPrimitives.IsFiniteAll<float>(buffer);
            }
            if (finite) continue;
            for (int i = 0; i < n; i++)
            {
                if (!IsFiniteAt(r, i)) return r * n + i;
            }
        }
        return -1;
    }

    /// <summary>A view of a float array (pinned while the view lives).</summary>
    public static TensorView FromArray(float[] data, params ReadOnlySpan<long> shape) => FromPinned(data, data.Length, TensorDType.Float32, shape);

    public static TensorView FromArray(Half[] data, params ReadOnlySpan<long> shape) => FromPinned(data, data.Length, TensorDType.Float16, shape);

    public static TensorView FromArray(double[] data, params ReadOnlySpan<long> shape) => FromPinned(data, data.Length, TensorDType.Float64, shape);

    /// <summary>A view of bfloat16 bit patterns.</summary>
    public static TensorView FromBFloat16Bits(ushort[] data, params ReadOnlySpan<long> shape) => FromPinned(data, data.Length, TensorDType.BFloat16, shape);

    /// <summary>
    /// Why a view with this layout does not fit a storage of <paramref name="storageElements"/>
    /// elements (negative sizes, overflow, or an element past the end), or null when it fits.
    /// </summary>
    internal static string? LayoutProblem(long storageElements, ReadOnlySpan<long> shape, ReadOnlySpan<long> strides, long offset)
    {
        if (shape.Length != strides.Length) return $"size has {shape.Length} dimensions but stride has {strides.Length}";
        if (offset < 0) return $"negative storage offset {offset}";
        long last = offset;
        bool empty = false;
        try
        {
            long count = 1;
            for (int d = 0; d < shape.Length; d++)
            {
                if (shape[d] < 0) return $"negative size {shape[d]} in dimension {d}";
                if (strides[d] < 0) return $"negative stride {strides[d]} in dimension {d}";
                count = checked(count * shape[d]);
                if (shape[d] == 0) empty = true;
                else last = checked(last + (shape[d] - 1) * strides[d]);
            }
        }
        catch (OverflowException)
        {
            return "the element count overflows 64 bits";
        }
        if (empty) return offset <= storageElements ? null : $"storage offset {offset} is past the storage's {storageElements} elements";
        return last < storageElements ? null
            : $"shape [{string.Join(", ", shape.ToArray())}] with strides [{string.Join(", ", strides.ToArray())}] and offset {offset} needs {last + 1} elements but the data holds {storageElements}";
    }

    /// <summary>A view over <paramref name="memory"/>; the layout must have passed <see cref="LayoutProblem"/>.</summary>
    internal static TensorView Create(TensorMemory memory, long baseByte, TensorDType dtype, ReadOnlySpan<long> shape, ReadOnlySpan<long> strides, long offset, string source) =>
        new(memory, baseByte, dtype, shape.ToArray(), strides.ToArray(), offset, source);

    /// <summary>C-order strides for a shape.</summary>
    internal static long[] ContiguousStrides(ReadOnlySpan<long> shape)
    {
        long[] strides = new long[shape.Length];
        long s = 1;
        for (int d = shape.Length - 1; d >= 0; d--)
        {
            strides[d] = s;
            s *= Math.Max(1, shape[d]);
        }
        return strides;
    }

    private static TensorView FromPinned(Array data, long length, TensorDType dtype, ReadOnlySpan<long> shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        long[] strides = ContiguousStrides(shape);
        string source = $"in-memory {dtype.TorchName()} tensor";
        string? problem = LayoutProblem(length, shape, strides, 0);
        if (problem is not null) throw new ArgumentException($"{source}: {problem}", nameof(shape));
        long product = 1;
        foreach (long s in shape) product *= s;
        if (product != length) throw new ArgumentException($"{source}: shape [{string.Join(", ", shape.ToArray())}] has {product} elements but the array has {length}", nameof(shape));
        var memory = TensorMemory.Pin(data, length * dtype.SizeOf(), source);
        return new TensorView(memory, 0, dtype, shape.ToArray(), strides, 0, source);
    }

    private bool RowFiniteAsDouble(long row)
    {
        for (int i = 0; i < RowLength; i++)
        {
            if (!IsFiniteAt(row, i)) return false;
        }
        return true;
    }

    private bool IsFiniteAt(long row, int i)
    {
        byte* p = ElementPointer(RowStart(row) + i * (_shape.Length == 0 ? 0 : _strides[^1]));
        return DType switch
        {
            TensorDType.Float64 => double.IsFinite(Unsafe.ReadUnaligned<double>(p)),
            _ => float.IsFinite(ReadScalar(p, DType)),
        };
    }

    private long RowStart(long row)
    {
        long rows = RowCount;
        if ((ulong)row >= (ulong)rows) throw new ArgumentOutOfRangeException(nameof(row), $"{Source}: row {row} of {rows}");
        if (_shape.Length <= 1) return StorageOffset;
        if (_shape.Length == 2) return StorageOffset + row * _strides[0];
        long e = StorageOffset, rem = row;
        for (int d = _shape.Length - 2; d >= 0; d--)
        {
            e += rem % _shape[d] * _strides[d];
            rem /= _shape[d];
        }
        return e;
    }

    private byte* ElementPointer(long element) => _memory.Pointer + _baseByte + element * _size;

    private void CheckDim(int dim)
    {
        if ((uint)dim >= (uint)_shape.Length) throw new ArgumentOutOfRangeException(nameof(dim), $"{Source}: dimension {dim} of a tensor of rank {Rank}");
    }

    private static float ReadScalar(byte* p, TensorDType dtype) => dtype switch
    {
        TensorDType.Float32 => Unsafe.ReadUnaligned<float>(p),
        TensorDType.Float16 => (float)Unsafe.ReadUnaligned<Half>(p),
        TensorDType.BFloat16 => BFloat16Bits.ToSingle(Unsafe.ReadUnaligned<ushort>(p)),
        _ => (float)Unsafe.ReadUnaligned<double>(p),
    };

    private static void Convert(byte* p, TensorDType dtype, int n, Span<float> destination)
    {
        switch (dtype)
        {
            case TensorDType.Float32:
                new ReadOnlySpan<float>(p, n).CopyTo(destination);
                break;
            case TensorDType.Float16:
                TensorPrimitives.ConvertToSingle(new ReadOnlySpan<Half>(p, n), destination);
                break;
            case TensorDType.BFloat16:
                BFloat16Bits.ToSingle(new ReadOnlySpan<ushort>(p, n), destination);
                break;
            default:
                TensorPrimitives.ConvertTruncating(new ReadOnlySpan<double>(p, n), destination);
                break;
        }
    }
}
