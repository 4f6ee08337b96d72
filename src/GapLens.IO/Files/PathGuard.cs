namespace GapLens.IO.Files;

/// <summary>
/// Confines file access to a folder: a path is resolved to its real location (every symbolic link on
/// the way followed, ".." applied after the links, as the kernel does) and accepted only if that
/// location is an existing regular file inside the folder's own real location. For serving files
/// named by data (an item's video), never by the client.
/// </summary>
public static class PathGuard
{
    private const int MaxLinks = 40;

    /// <summary>The real path of <paramref name="path"/> when it is a regular file inside
    /// <paramref name="root"/> (both resolved); otherwise null.</summary>
    public static string? ResolveFileWithin(string root, string path)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(path);
        if (path.Contains('\0', StringComparison.Ordinal) || root.Contains('\0', StringComparison.Ordinal)) return null;
        string? realRoot = RealPath(root);
        string? real = RealPath(path);
        if (realRoot is null || real is null || !File.Exists(real)) return null;
        if ((File.GetAttributes(real) & (FileAttributes.Directory | FileAttributes.Device)) != 0) return null;
        string prefix = realRoot.EndsWith(Path.DirectorySeparatorChar) ? realRoot : realRoot + Path.DirectorySeparatorChar;
        return real.StartsWith(prefix, StringComparison.Ordinal) ? real : null;
    }

    /// <summary>realpath(3): the absolute path with every symbolic link resolved; null when a
    /// component is missing or the links loop.</summary>
    public static string? RealPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var pending = new Stack<string>(Path.GetFullPath(path).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse());
        string current = Path.DirectorySeparatorChar.ToString();
        int links = 0;
        while (pending.Count > 0)
        {
            string part = pending.Pop();
            if (part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            string next = Path.Join(current, part);
            FileSystemInfo info = new FileInfo(next);
            if (!info.Exists)
            {
                info = new DirectoryInfo(next);
                if (!info.Exists && info.LinkTarget is null) return null;
            }
            if (info.LinkTarget is { } target)
            {
                if (++links > MaxLinks) return null;
                if (Path.IsPathRooted(target)) current = Path.DirectorySeparatorChar.ToString();
                foreach (string t in target.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(t);
                continue;
            }
            current = next;
        }
        return current;
    }
}
