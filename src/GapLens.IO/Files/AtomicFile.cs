namespace GapLens.IO.Files;

/// <summary>One file replaced atomically: written in full to a hidden temporary beside it, flushed to
/// disk, then renamed over the target, so a reader sees the old file or the new one, never a part.</summary>
public static class AtomicFile
{
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        string temp = Path.Combine(dir, OutputSet.TempName(Path.GetFileName(full)));
        try
        {
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // The temporary's hidden name never looks like an output; the next run removes it.
            }
            throw;
        }
    }

    public static void WriteText(string path, string text) => Write(path, TextEncodings.Utf8Strict.GetBytes(text));
}
