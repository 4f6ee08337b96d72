namespace GapLens.IO.Files;

/// <summary>
/// Python's <c>pathlib.Path(p).resolve()</c> on POSIX (3.11, non-strict): made absolute against the
/// working directory, <c>.</c> and empty segments dropped, symlinks that exist followed, and <c>..</c>
/// applied after the symlink it follows is resolved (as <c>os.path.realpath</c> does).
/// </summary>
public static class PyPath
{
    /// <param name="path">The path to resolve.</param>
    /// <param name="cwd">The working directory relative paths start from.</param>
    public static string Resolve(string path, string cwd)
    {
        ArgumentNullException.ThrowIfNull(path);
        var seen = new Dictionary<string, string?>(StringComparer.Ordinal);
        string joined = JoinRealPath("", path, seen, cwd);
        return AbsPath(joined, cwd);
    }

    /// <summary><c>Path(base) / rest</c> then resolve: an absolute rest replaces the base.</summary>
    public static string ResolveUnder(string baseDir, string rest, string cwd) => Resolve(Under(baseDir, rest), cwd);

    internal static string Under(string baseDir, string rest) => rest.StartsWith('/') ? rest : baseDir.TrimEnd('/') + "/" + rest;

    private static string JoinRealPath(string path, string rest, Dictionary<string, string?> seen, string cwd)
    {
        if (rest.StartsWith('/'))
        {
            rest = rest[1..];
            path = "/";
        }
        while (rest.Length > 0)
        {
            int slash = rest.IndexOf('/', StringComparison.Ordinal);
            string name = slash < 0 ? rest : rest[..slash];
            rest = slash < 0 ? "" : rest[(slash + 1)..];
            if (name.Length == 0 || name == ".") continue;
            if (name == "..")
            {
                if (path.Length > 0)
                {
                    (path, name) = Split(path);
                    if (name == "..") path = Join(Join(path, ".."), "..");
                }
                else
                {
                    path = "..";
                }
                continue;
            }
            string newPath = Join(path, name);
            string? target = ReadLink(newPath.StartsWith('/') ? newPath : Join(cwd, newPath));
            if (target is null)
            {
                path = newPath;
                continue;
            }
            if (seen.TryGetValue(newPath, out var known))
            {
                if (known is not null)
                {
                    path = known;
                    continue;
                }
                return Join(newPath, rest); // symlink loop: stop resolving, like Python's non-strict mode
            }
            seen[newPath] = null;
            path = JoinRealPath(path, target, seen, cwd);
            seen[newPath] = path;
        }
        return path;
    }

    internal static string? ReadLink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string Join(string a, string b)
    {
        if (b.StartsWith('/')) return b;
        if (a.Length == 0 || a.EndsWith('/')) return a + b;
        return a + "/" + b;
    }

    /// <summary>posixpath.split: head without trailing slashes (unless all slashes), tail.</summary>
    private static (string Head, string Tail) Split(string p)
    {
        int i = p.LastIndexOf('/') + 1;
        string head = p[..i];
        string tail = p[i..];
        if (head.Length > 0 && head.Trim('/').Length > 0) head = head.TrimEnd('/');
        return (head, tail);
    }

    /// <summary>posixpath.abspath: join with cwd when relative, then normpath.</summary>
    private static string AbsPath(string p, string cwd) => NormPath(p.StartsWith('/') ? p : Join(cwd, p));

    /// <summary>posixpath.normpath for an absolute path (a leading "//" is kept, as POSIX allows).</summary>
    internal static string NormPath(string p)
    {
        if (p.Length == 0) return ".";
        int initialSlashes = p.StartsWith('/') ? (p.StartsWith("//", StringComparison.Ordinal) && !p.StartsWith("///", StringComparison.Ordinal) ? 2 : 1) : 0;
        var parts = new List<string>();
        foreach (string comp in p.Split('/'))
        {
            if (comp.Length == 0 || comp == ".") continue;
            if (comp != ".." || (initialSlashes == 0 && parts.Count == 0) || (parts.Count > 0 && parts[^1] == ".."))
            {
                parts.Add(comp);
            }
            else if (parts.Count > 0)
            {
                parts.RemoveAt(parts.Count - 1);
            }
        }
        string joined = string.Join('/', parts);
        if (initialSlashes > 0) joined = new string('/', initialSlashes) + joined;
        return joined.Length == 0 ? "." : joined;
    }
}
