using System.Collections.Immutable;
using GapLens.Core;
using GapLens.Core.Runs;
using GapLens.IO.Json;

namespace GapLens.IO.Files;

/// <summary>
/// The files of one run in one folder, all or nothing. Each output is written in full to a hidden
/// temporary file next to its target as it is staged. <see cref="Commit"/> then (1) removes the
/// previous run's manifest, so the folder no longer claims to hold a complete set, (2) removes the
/// previous run's outputs that this run does not write (those its manifest lists, and any file with
/// one of this job's output names: a rerun that ends differently never leaves old files beside new
/// ones), (3) renames the new files into place, and (4) writes the new manifest, listing every file
/// with its size and hash, last. A kill at any point leaves either the previous complete set or a
/// folder without a manifest, which readers must treat as incomplete; the next run cleans up the
/// orphaned temporaries. Disposing without committing removes the temporaries.
/// </summary>
public sealed class OutputSet : IDisposable
{
    /// <summary>The run record written last; its presence marks a complete set.</summary>
    public const string ManifestName = "gaplens_run.json";

    /// <summary>The run's front page (every output linked with what it is, and the run's facts), staged by the job layer at commit.</summary>
    public const string IndexName = "index.html";

    /// <summary>Test hook: a commit step number (1-4, or 3.N for the N-th rename) at which the process
    /// crashes as if killed, to test that every step leaves a folder readers can tell apart.</summary>
    internal const string CrashAtVariable = "GAPLENS_TEST_CRASH_AT_COMMIT_STEP";

    private readonly string _key;
    private readonly ImmutableArray<string> _owned;
    private readonly HashSet<string> _inputs;
    private readonly List<(string Relative, string Temp, string Target)> _staged = [];
    private readonly List<RunFile> _files = [];

    /// <summary>Folders this set created (the output folder and its parents when they were missing,
    /// subfolders of staged files), outermost first: removed again when the set is dropped uncommitted.</summary>
    private readonly List<string> _created;
    private bool _committed;

    private OutputSet(string dir, string key, ImmutableArray<string> owned, HashSet<string> inputs, List<string> created)
    {
        Dir = dir;
        _key = key;
        _owned = owned;
        _inputs = inputs;
        _created = created;
    }

    /// <summary>The folder (absolute).</summary>
    public string Dir { get; }

    /// <summary>The staged files, relative to <see cref="Dir"/>, with sizes and hashes.</summary>
    public ImmutableArray<RunFile> Files => [.. _files];

    /// <summary>
    /// Creates the folder when missing and removes temporaries left by killed runs.
    /// </summary>
    /// <param name="dir">The output folder (absolute).</param>
    /// <param name="key">The option that named it, for error messages (e.g. results_dir).</param>
    /// <param name="owned">The outputs this job may write, relative; a name ending in '/' owns a whole subfolder.</param>
    /// <param name="inputs">The run's input files: never overwritten or removed.</param>
    public static OutputSet Open(string dir, string key, IEnumerable<string> owned, IEnumerable<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(owned);
        ArgumentNullException.ThrowIfNull(inputs);
        string full = Path.GetFullPath(dir);
        var created = Missing(full);
        OutputFolder.Create(full, key);
        RemoveOrphans(full);
        return new OutputSet(full, key, [.. owned, IndexName, ManifestName], new HashSet<string>(inputs.Select(Path.GetFullPath), StringComparer.Ordinal), created);
    }

    /// <summary>Whether an output of this relative path is staged already.</summary>
    public bool IsStaged(string relative) => _staged.Any(s => s.Target == PathOf(relative));

    public string PathOf(string relative) => Path.GetFullPath(Path.Combine(Dir, relative));

    public void Stage(string relative, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (temp, target) = Prepare(relative);
        try
        {
            using var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(fs);
            fs.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException and not FileNotFoundException)
        {
            throw CannotWrite(WriteFailure.Reason(ex));
        }
        Record(relative, temp);
    }

    public async Task StageAsync(string relative, Func<Stream, CancellationToken, Task> write, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(write);
        var (temp, target) = Prepare(relative);
        try
        {
            await using var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
            await write(fs, ct).ConfigureAwait(false);
            await fs.FlushAsync(ct).ConfigureAwait(false);
            fs.Flush(flushToDisk: true);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException and not FileNotFoundException)
        {
            throw CannotWrite(WriteFailure.Reason(ex));
        }
        Record(relative, temp);
    }

    public void StageText(string relative, string content) => StageBytes(relative, TextEncodings.Utf8Strict.GetBytes(content));

    public void StageBytes(string relative, byte[] bytes) => Stage(relative, s => s.Write(bytes));

    /// <summary>The bytes staged under <paramref name="relative"/> (before the commit), e.g. images a
    /// self-contained report embeds after a library staged them.</summary>
    public byte[] ReadStaged(string relative)
    {
        string key = relative.Replace('\\', '/');
        foreach (var (r, temp, _) in _staged)
        {
            if (string.Equals(r, key, StringComparison.Ordinal)) return File.ReadAllBytes(temp);
        }
        throw new ArgumentException($"output {relative} is not staged", nameof(relative));
    }

    private (string Temp, string Target) Prepare(string relative)
    {
        string target = PathOf(relative);
        if (!target.StartsWith(Dir + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"output {relative} is outside {Dir}", nameof(relative));
        }
        if (_inputs.Contains(target))
        {
            throw new UserInputException($"{_key} {Dir} holds an input of this run under an output's name ({relative}); it would be overwritten. Choose another {_key}.");
        }
        if (_staged.Any(s => s.Target == target)) throw new ArgumentException($"output {relative} staged twice", nameof(relative));
        string dir = Path.GetDirectoryName(target)!;
        try
        {
            _created.AddRange(Missing(dir));
            Directory.CreateDirectory(dir);
        }
        catch (UnauthorizedAccessException)
        {
            throw CannotWrite("permission denied");
        }
        string temp = Path.Combine(dir, TempFiles.NameFor(Path.GetFileName(target)));
        _staged.Add((relative.Replace('\\', '/'), temp, target));
        return (temp, target);
    }

    private void Record(string relative, string temp) =>
        _files.Add(new RunFile(relative.Replace('\\', '/'), RunFileKind.File, new FileInfo(temp).Length, FileHash.Xxh128(temp)));

    private UserInputException CannotWrite(string why) => new($"cannot write {_key} {Dir}: {why}. Give a folder you can write to.");

    /// <summary>Removes the temporaries of runs that are no longer alive (killed mid-write).</summary>
    private static void RemoveOrphans(string dir) => TempFiles.RemoveOrphans(dir, maxDepth: 3);

    /// <summary>
    /// Puts the staged files in place and writes the manifest last (see the class summary).
    /// </summary>
    /// <param name="manifest">Builds the manifest's bytes from the committed outputs (relative paths,
    /// sizes, hashes; the manifest itself is not among them).</param>
    public void Commit(Func<ImmutableArray<RunFile>, byte[]> manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        byte[] manifestBytes = manifest(Files);
        try
        {
            var newTargets = new HashSet<string>(_staged.Select(s => s.Target), StringComparer.Ordinal);
            Crash("1");
            var previous = Retire(Dir, _owned, newTargets, _inputs);
            Crash("2");
            int i = 0;
            foreach (var (_, temp, target) in _staged)
            {
                Crash("3." + (++i).ToString(System.Globalization.CultureInfo.InvariantCulture));
                File.Move(temp, target, overwrite: true);
            }
            _staged.Clear();
            _committed = true;
            RemoveEmptyFolders(Dir, previous);
            Crash("4");
            AtomicFile.Write(Path.Combine(Dir, ManifestName), manifestBytes);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw CannotWrite($"{WriteFailure.Reason(ex)} while committing; the folder holds no complete set now (no {ManifestName}), rerun");
        }
    }

    /// <summary>
    /// Whether a folder holds a complete output set: its manifest exists and parses, and every output
    /// it lists exists with the listed size and hash. Returns the problems; empty means complete.
    /// </summary>
    public static IReadOnlyList<string> Check(string dir)
    {
        string manifestPath = Path.Combine(dir, ManifestName);
        if (!File.Exists(manifestPath)) return [$"no {ManifestName}: not a complete output set"];
        RunManifest? m;
        try
        {
            m = GapLensJson.ReadManifest(File.ReadAllBytes(manifestPath));
        }
        catch (System.Text.Json.JsonException ex)
        {
            return [$"{ManifestName} does not parse: {ex.Message}"];
        }
        if (m is null) return [$"{ManifestName} is empty"];
        var problems = new List<string>();
        foreach (var o in m.Outputs)
        {
            string p = Path.Combine(dir, o.Path);
            if (!File.Exists(p)) problems.Add($"{o.Path}: listed but missing");
            else if (new FileInfo(p).Length != o.Bytes) problems.Add($"{o.Path}: {new FileInfo(p).Length} bytes, listed {o.Bytes}");
            else if (o.Xxh128 is { } h && FileHash.Xxh128(p) != h) problems.Add($"{o.Path}: content differs from the listed hash");
        }
        return problems;
    }

    /// <summary>
    /// Removes a previous run's set from a folder (its manifest first, then the files it lists and
    /// any file with one of the owned names), for a rerun that ends with no outputs at all. Inputs
    /// are never removed. Nothing happens when the folder does not exist.
    /// </summary>
    public static void Retract(string dir, IEnumerable<string> owned, IEnumerable<string> inputs)
    {
        string full = Path.GetFullPath(dir);
        if (!Directory.Exists(full)) return;
        RemoveOrphans(full);
        var removed = Retire(full, [.. owned, IndexName, ManifestName], new HashSet<string>(StringComparer.Ordinal),
            new HashSet<string>(inputs.Select(Path.GetFullPath), StringComparer.Ordinal));
        RemoveEmptyFolders(full, removed);
    }

    /// <summary>Deletes the manifest, then every previous output not in <paramref name="keep"/>.
    /// Returns the folders files were removed from.</summary>
    private static HashSet<string> Retire(string dir, ImmutableArray<string> owned, HashSet<string> keep, HashSet<string> inputs)
    {
        string manifestPath = Path.Combine(dir, ManifestName);
        var stale = new HashSet<string>(StringComparer.Ordinal);
        if (File.Exists(manifestPath))
        {
            foreach (string full in PreviousOutputs(dir, manifestPath)) stale.Add(full);
            if (!inputs.Contains(manifestPath)) File.Delete(manifestPath);
        }
        foreach (string name in owned)
        {
            string p = Path.GetFullPath(Path.Combine(dir, name));
            if (name.EndsWith('/'))
            {
                if (Directory.Exists(p))
                {
                    foreach (string f in Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories)) stale.Add(f);
                }
            }
            else if (File.Exists(p))
            {
                stale.Add(p);
            }
        }
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (string f in stale)
        {
            if (keep.Contains(f) || inputs.Contains(f) || f == manifestPath || TempFiles.IsTempName(Path.GetFileName(f))) continue;
            if (!f.StartsWith(dir + Path.DirectorySeparatorChar, StringComparison.Ordinal)) continue; // a tampered manifest
            if (ThroughALink(dir, f)) continue; // inside by its text, outside in fact (a tampered manifest)
            if (TryDelete(f)) folders.Add(Path.GetDirectoryName(f)!);
        }
        return folders;
    }

    /// <summary>The full paths of the outputs a previous manifest lists (none when it cannot be read;
    /// a listed path that is not a usable relative path is left out).</summary>
    private static List<string> PreviousOutputs(string dir, string manifestPath)
    {
        // Only outputs[].path is needed: read with JsonDocument rather than the serializer, whose
        // metadata for the whole record is one-time start-up a rerun into the same folder would pay.
        var paths = new List<string>();
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(manifestPath));
            if (doc.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("outputs", out var outputs)
                || outputs.ValueKind != System.Text.Json.JsonValueKind.Array) return paths;
            foreach (var o in outputs.EnumerateArray())
            {
                if (o.ValueKind != System.Text.Json.JsonValueKind.Object || !o.TryGetProperty("path", out var p)
                    || p.ValueKind != System.Text.Json.JsonValueKind.String) continue;
                // GetString throws on text that is not valid UTF-8 or UTF-16 (a lone surrogate); a NUL
                // makes GetFullPath throw: such an entry was never written by GapLens and is skipped.
                try
                {
                    string? rel = p.GetString();
                    if (string.IsNullOrEmpty(rel) || rel.Contains('\0', StringComparison.Ordinal) || Path.IsPathRooted(rel)) continue;
                    paths.Add(Path.GetFullPath(Path.Combine(dir, rel)));
                }
                catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
                {
                }
            }
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            return []; // an unreadable record lists nothing
        }
        return paths;
    }

    /// <summary>Whether a folder between <paramref name="dir"/> and <paramref name="file"/> is a symbolic
    /// link (or another reparse point): then the file may lie outside the output folder although its
    /// path text is inside it, and it is not deleted.</summary>
    private static bool ThroughALink(string dir, string file)
    {
        string? folder = Path.GetDirectoryName(file);
        while (folder is not null && folder.Length > dir.Length)
        {
            try
            {
                if ((File.GetAttributes(folder) & FileAttributes.ReparsePoint) != 0) return true;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return true;
            }
            folder = Path.GetDirectoryName(folder);
        }
        return false;
    }

    private static void RemoveEmptyFolders(string dir, HashSet<string> folders)
    {
        foreach (string f in folders.OrderByDescending(f => f.Length))
        {
            if (f == dir || !f.StartsWith(dir, StringComparison.Ordinal)) continue;
            try
            {
                if (Directory.Exists(f) && !Directory.EnumerateFileSystemEntries(f).Any()) Directory.Delete(f);
            }
            catch (IOException)
            {
                // Best effort: an empty folder left behind is harmless.
            }
        }
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void Crash(string step)
    {
        if (Environment.GetEnvironmentVariable(CrashAtVariable) == step) Environment.FailFast($"test crash at commit step {step}");
    }

    public void Dispose()
    {
        foreach (var (_, temp, _) in _staged) TryDelete(temp);
        _staged.Clear();
        if (_committed) return;
        // Dropped uncommitted (cancelled, failed): no empty folder is left where there was none.
        for (int i = _created.Count - 1; i >= 0; i--)
        {
            try
            {
                if (Directory.Exists(_created[i]) && !Directory.EnumerateFileSystemEntries(_created[i]).Any()) Directory.Delete(_created[i]);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // best effort: a folder someone else wrote into meanwhile stays
            }
        }
        _created.Clear();
    }

    /// <summary>The folders on the way to <paramref name="dir"/> (itself included) that do not exist yet, outermost first.</summary>
    private static List<string> Missing(string dir)
    {
        var missing = new List<string>();
        for (string? d = dir; d is not null && !Directory.Exists(d); d = Path.GetDirectoryName(d)) missing.Insert(0, d);
        return missing;
    }
}
