using System.Buffers.Binary;
using System.Text;

namespace GapLens.IO.Tensors;

/// <summary>
/// Reads a zip's central directory (zip64 included) from a mapped file to find where each member's
/// data starts, so stored (uncompressed) members such as torch's tensor storages can be used in
/// place. System.IO.Compression does not expose member offsets. Every offset is checked against the
/// file length; problems are user errors naming the file.
/// </summary>
internal static unsafe class ZipDirectory
{
    private const uint EndOfCentralDirectory = 0x06054b50;
    private const uint Zip64Locator = 0x07064b50;
    private const uint Zip64End = 0x06064b50;
    private const uint CentralHeader = 0x02014b50;
    private const uint LocalHeader = 0x04034b50;

    public static IReadOnlyList<ZipEntryLocation> Read(byte* file, long length, string path)
    {
        var data = new Reader(file, length, path);
        long eocd = -1;
        long stop = Math.Max(0, length - 22 - 65535);
        for (long p = length - 22; p >= stop; p--)
        {
            if (data.U32(p) == EndOfCentralDirectory)
            {
                eocd = p;
                break;
            }
        }
        if (eocd < 0) throw TensorFileErrors.Corrupt(path, "not a complete zip archive (no end of central directory: the file is cut short or damaged)");
        long entries = data.U16(eocd + 10);
        long cdSize = data.U32(eocd + 12);
        long cdOffset = data.U32(eocd + 16);
        if (entries == 0xFFFF || cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF)
        {
            long locator = eocd - 20;
            if (locator < 0 || data.U32(locator) != Zip64Locator) throw TensorFileErrors.Corrupt(path, "zip64 archive without a zip64 locator");
            long end64 = (long)data.U64(locator + 8);
            if (data.U32(end64) != Zip64End) throw TensorFileErrors.Corrupt(path, "zip64 end of central directory not found");
            entries = (long)data.U64(end64 + 32);
            cdSize = (long)data.U64(end64 + 40);
            cdOffset = (long)data.U64(end64 + 48);
        }
        if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize > length) throw TensorFileErrors.Corrupt(path, "the zip central directory lies outside the file");
        var list = new List<ZipEntryLocation>();
        long q = cdOffset;
        for (long i = 0; i < entries; i++)
        {
            if (data.U32(q) != CentralHeader) throw TensorFileErrors.Corrupt(path, $"zip central directory entry {i} is damaged");
            int method = data.U16(q + 10);
            long compressed = data.U32(q + 20);
            long size = data.U32(q + 24);
            int nameLength = data.U16(q + 28), extraLength = data.U16(q + 30), commentLength = data.U16(q + 32);
            long local = data.U32(q + 42);
            string name = Encoding.UTF8.GetString(data.Span(q + 46, nameLength));
            long extra = q + 46 + nameLength;
            for (long e = extra; e + 4 <= extra + extraLength;)
            {
                int id = data.U16(e), len = data.U16(e + 2);
                if (id == 0x0001)
                {
                    long f = e + 4;
                    if (size == 0xFFFFFFFF) { size = (long)data.U64(f); f += 8; }
                    if (compressed == 0xFFFFFFFF) { compressed = (long)data.U64(f); f += 8; }
                    if (local == 0xFFFFFFFF) local = (long)data.U64(f);
                }
                e += 4 + len;
            }
            if (local < 0 || data.U32(local) != LocalHeader) throw TensorFileErrors.Corrupt(path, $"zip member {name}: local header not found");
            long start = local + 30 + data.U16(local + 26) + data.U16(local + 28);
            if (compressed < 0 || start + compressed > length)
                throw TensorFileErrors.Corrupt(path, $"zip member {name} claims {compressed} bytes at offset {start} but the file holds {length} (cut short?)");
            list.Add(new ZipEntryLocation(name, method, start, compressed, size));
            q += 46 + nameLength + extraLength + commentLength;
        }
        return list;
    }

    private readonly struct Reader(byte* file, long length, string path)
    {
        public ReadOnlySpan<byte> Span(long offset, int count)
        {
            if (offset < 0 || offset + count > length) throw TensorFileErrors.Corrupt(path, "zip structure points past the end of the file");
            return new ReadOnlySpan<byte>(file + offset, count);
        }

        public uint U32(long offset) => BinaryPrimitives.ReadUInt32LittleEndian(Span(offset, 4));

        public ushort U16(long offset) => BinaryPrimitives.ReadUInt16LittleEndian(Span(offset, 2));

        public ulong U64(long offset) => BinaryPrimitives.ReadUInt64LittleEndian(Span(offset, 8));
    }
}
