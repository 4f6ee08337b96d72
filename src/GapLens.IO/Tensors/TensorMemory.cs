using System.IO.MemoryMappedFiles;
using System.Runtime.InteropServices;

namespace GapLens.IO.Tensors;

/// <summary>
/// The bytes behind one or more <see cref="TensorView"/>s: a read-only memory mapping of a file (large
/// files are mapped, never copied), native memory, or a pinned managed array. Views read through
/// <see cref="Pointer"/>, which throws once the owner is disposed, so a view outliving its file fails
/// with <see cref="ObjectDisposedException"/> instead of reading unmapped memory.
/// </summary>
internal sealed unsafe class TensorMemory : IDisposable
{
    private readonly MemoryMappedFile? _file;
    private readonly MemoryMappedViewAccessor? _view;
    private GCHandle _pin;
    private byte* _native;
    private byte* _pointer;
    private int _disposed;

    private TensorMemory(byte* pointer, long length, string source, MemoryMappedFile? file = null, MemoryMappedViewAccessor? view = null)
    {
        _pointer = pointer;
        Length = length;
        Source = source;
        _file = file;
        _view = view;
    }

    ~TensorMemory() => Release(disposing: false);

    /// <summary>Total bytes addressable from <see cref="Pointer"/>.</summary>
    public long Length { get; }

    /// <summary>The file (or a description of the memory) for messages.</summary>
    public string Source { get; }

    public byte* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return _pointer;
        }
    }

    /// <summary>Maps a whole file read-only. The file must not be empty.</summary>
    public static TensorMemory Map(string path, long length)
    {
        var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
        MemoryMappedViewAccessor? view = null;
        try
        {
            view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            byte* p = null;
            view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
            return new TensorMemory(p + view.PointerOffset, length, path, file, view);
        }
        catch
        {
            view?.Dispose();
            file.Dispose();
            throw;
        }
    }

    /// <summary>Pins a managed array (freed with the memory).</summary>
    public static TensorMemory Pin(Array array, long length, string source)
    {
        var pin = GCHandle.Alloc(array, GCHandleType.Pinned);
        return new TensorMemory((byte*)pin.AddrOfPinnedObject(), length, source) { _pin = pin };
    }

    /// <summary>Zeroed native memory, 64-byte aligned (freed with the memory).</summary>
    public static TensorMemory Allocate(long length, string source)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        byte* p = (byte*)NativeMemory.AlignedAlloc((nuint)Math.Max(1, length), 64);
        NativeMemory.Clear(p, (nuint)length);
        return new TensorMemory(p, length, source) { _native = p };
    }

    public void Dispose()
    {
        Release(disposing: true);
        GC.SuppressFinalize(this);
    }

    private void Release(bool disposing)
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _pointer = null;
        if (disposing && _view is not null)
        {
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
        }
        if (disposing) _file?.Dispose();
        if (_pin.IsAllocated) _pin.Free();
        if (_native is not null)
        {
            NativeMemory.AlignedFree(_native);
            _native = null;
        }
    }
}
