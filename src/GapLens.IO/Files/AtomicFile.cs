namespace GapLens.IO.Files;

/// <summary>Names of the hidden temporary files that outputs are written to before an atomic rename.</summary>
public static class AtomicFile
{
    /// <summary>A hidden, unique temporary path next to <paramref name="target"/> (same folder, so
    /// the final rename is atomic on POSIX).</summary>
    public static string TempPathFor(string target)
    {
        string full = Path.GetFullPath(target);
        string dir = Path.GetDirectoryName(full) ?? ".";
        return Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
    }

    /// <summary>True for a name <see cref="TempPathFor"/> makes (a leftover of a killed run).</summary>
    public static bool IsTempName(string fileName) => fileName.StartsWith('.') && fileName.EndsWith(".tmp", StringComparison.Ordinal);
}
