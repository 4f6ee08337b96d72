using System.Text;

namespace GapLens.IO.Files;

/// <summary>The encodings outputs use: UTF-8 without BOM, failing on unpaired surrogates.</summary>
public static class TextEncodings
{
    public static readonly UTF8Encoding Utf8Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The index of the first byte that is not part of valid UTF-8, or -1 when all of it is valid.</summary>
    public static int IndexOfInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return -1;
        int i = 0;
        while (i < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[i..], out _, out int n) != System.Buffers.OperationStatus.Done) return i;
            i += n;
        }
        return -1;
    }

    /// <summary>The file offset of the first byte that is not valid UTF-8 (a byte-order mark is
    /// valid), or -1; reads the file once (for error messages only).</summary>
    public static long IndexOfInvalidUtf8(string path, CancellationToken ct = default)
    {
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buf = new byte[1 << 20];
        long offset = 0;
        int carry = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            int n = fs.Read(buf, carry, buf.Length - carry);
            int length = carry + n;
            if (length == 0) return -1;
            // A sequence cut by the end of the buffer is completed by the next read.
            int end = n == 0 ? length : length - IncompleteTail(buf.AsSpan(0, length));
            int bad = IndexOfInvalidUtf8(buf.AsSpan(0, end));
            if (bad >= 0) return offset + bad;
            if (n == 0) return -1;
            carry = length - end;
            buf.AsSpan(end, carry).CopyTo(buf);
            offset += end;
        }
    }

    /// <summary>How many bytes at the end start a multi-byte sequence that is not complete yet (0-3).</summary>
    private static int IncompleteTail(ReadOnlySpan<byte> bytes)
    {
        for (int k = 1; k <= Math.Min(3, bytes.Length); k++)
        {
            byte b = bytes[^k];
            if ((b & 0xC0) != 0x80)
            {
                int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return need > k ? k : 0;
            }
        }
        return 0;
    }
}
