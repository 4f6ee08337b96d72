using System.Collections.Concurrent;

namespace GapLens.IO.Files;

/// <summary>
/// <see cref="PyPath.Resolve"/> for many paths in one run: each distinct directory is resolved once
/// (with the full algorithm) and remembered; a path whose last component is a plain name then costs
/// one lookup and one lstat, since realpath(dir/leaf) is realpath(dir)/leaf unless leaf is a symlink
/// (which falls back to the full algorithm). Results are identical to <see cref="PyPath.Resolve"/>.
/// Thread-safe: one resolver can serve parallel workers.
/// </summary>
public sealed class PyPathResolver(string cwd)
{
    private readonly ConcurrentDictionary<string, string> _dirs = new(StringComparer.Ordinal);

    public string Resolve(string path)
    {
        int slash = path.LastIndexOf('/');
        string leaf = path[(slash + 1)..];
        if (slash <= 0 || leaf.Length == 0 || leaf == "." || leaf == "..") return PyPath.Resolve(path, cwd);
        string dirPart = path[..slash];
        string dir = _dirs.GetOrAdd(dirPart, static (d, cwd) => PyPath.Resolve(d, cwd), cwd);
        string candidate = dir == "/" ? "/" + leaf : dir + "/" + leaf;
        return PyPath.ReadLink(candidate) is null ? candidate : PyPath.Resolve(path, cwd);
    }

    /// <summary><c>Path(base) / rest</c> then resolve: an absolute rest replaces the base.</summary>
    public string ResolveUnder(string baseDir, string rest) => Resolve(PyPath.Under(baseDir, rest));
}
