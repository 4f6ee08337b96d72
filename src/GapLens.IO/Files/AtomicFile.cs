namespace GapLens.IO.Files;

/// <summary>One file replaced atomically: written in full to a hidden temporary beside it, flushed to
/// disk, then renamed over the target, so a reader sees the old file or the new one, never a part.</summary>
public static class AtomicFile
{
    /// <summary>Replaces <paramref name="path"/>; a folder that cannot be written or a full disk is a
    /// <see cref="GapLens.Core.UserInputException"/> naming the file (no temporary is left).</summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        string full = Path.GetFullPath(path);
        string dir = Path.GetDirectoryName(full)!;
        string temp = TempPathFor(full);
        try
        {
            Directory.CreateDirectory(dir);
            using (var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                fs.Write(bytes);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch (Exception ex)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // The temporary's hidden name never looks like an output; the next run removes it.
            }
            if (WriteFailure.IsEnvironmental(ex)) throw new GapLens.Core.UserInputException(WriteFailure.Describe(full, ex));
            throw;
        }
    }

    public static void WriteText(string path, string text) => Write(path, TextEncodings.Utf8Strict.GetBytes(text));

    /// <summary>A hidden, unique temporary path next to <paramref name="target"/> (same folder, so the
    /// final rename is atomic on POSIX); the next run in that folder removes it if its process died.</summary>
    public static string TempPathFor(string target)
    {
        string full = Path.GetFullPath(target);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", TempFiles.NameFor(Path.GetFileName(full)));
    }

    /// <summary>True for a name <see cref="TempPathFor"/> makes (possibly a leftover of a killed run).</summary>
    public static bool IsTempName(string fileName) => TempFiles.IsTempName(fileName);
}
