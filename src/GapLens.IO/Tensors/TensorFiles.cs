namespace GapLens.IO.Tensors;

/// <summary>Opens a tensor file of any supported format, recognised by its first bytes.</summary>
public static class TensorFiles
{
    /// <summary>.npy (magic \x93NUMPY), torch .pt (a zip, or a legacy torch pickle, which starts
    /// \x80 proto \x8a and gets its own message), otherwise .safetensors.</summary>
    public static ITensorFile Open(string path)
    {
        TensorFileErrors.CheckReadable(path, "a tensor file");
        Span<byte> magic = stackalloc byte[6];
        int got;
        using (var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
        {
            got = fs.ReadAtLeast(magic, 6, throwOnEndOfStream: false);
        }
        if (got >= 6 && magic[0] == 0x93 && magic[1..6].SequenceEqual("NUMPY"u8)) return NpyFile.Open(path);
        if (got >= 3 && (magic[..2].SequenceEqual("PK"u8) || (magic[0] == 0x80 && magic[1] <= 5 && magic[2] == 0x8a))) return TorchFile.Open(path);
        return SafetensorsFile.Open(path);
    }
}
