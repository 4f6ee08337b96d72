using System.Text.RegularExpressions;

namespace GapLens.IO.Files;

/// <summary>
/// The one naming rule of the temporaries outputs are written to before their atomic rename:
/// <c>.&lt;name&gt;.&lt;pid&gt;.&lt;32 hex&gt;.tmp</c> beside the target (hidden, never looking like an
/// output). A temporary whose process is gone is an orphan of a killed run, safe to remove. Scratch
/// files in the system's temporary folder follow <see cref="ScratchPath"/>.
/// </summary>
public static partial class TempFiles
{
    [GeneratedRegex(@"^\..+\.(?<pid>\d+)\.[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^gaplens-[a-z]+-(?<pid>\d+)-[0-9a-f]{32}(\.[a-z]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ScratchPattern();

    /// <summary>A scratch file of this process in the system's temporary folder (a spooled input,
    /// spilled cases, held-back log lines): <c>gaplens-&lt;kind&gt;-&lt;pid&gt;-&lt;32 hex&gt;[.ext]</c>.
    /// Its owner deletes it; <see cref="RemoveDeadScratch"/> removes those of killed processes.</summary>
    public static string ScratchPath(string kind, string extension = "") =>
        Path.Combine(Path.GetTempPath(), $"gaplens-{kind}-{Environment.ProcessId}-{Guid.NewGuid():N}{extension}");

    /// <summary>Deletes the scratch files whose process is gone (kill -9, a power cut): a killed
    /// vlm_bcq run on millions of predictions leaves its spilled cases, as large as its output.
    /// Best effort; returns how many were removed.</summary>
    public static int RemoveDeadScratch()
    {
        int removed = 0;
        try
        {
            foreach (string f in Directory.EnumerateFiles(Path.GetTempPath(), "gaplens-*"))
            {
                var m = ScratchPattern().Match(Path.GetFileName(f));
                if (!m.Success || !int.TryParse(m.Groups["pid"].ValueSpan, out int pid) || pid == Environment.ProcessId || IsAlive(pid)) continue;
                try
                {
                    File.Delete(f);
                    removed++;
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Another user's, or gone already.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No temporary folder to clean.
        }
        return removed;
    }

    /// <summary>Removes the temporaries (files, and folders filled before their rename) of dead
    /// processes under <paramref name="root"/>, down to <paramref name="maxDepth"/> folder levels.
    /// Best effort; returns how many were removed.</summary>
    public static int RemoveOrphans(string root, int maxDepth)
    {
        List<string> temps;
        try
        {
            if (!Directory.Exists(root)) return 0;
            temps = [.. Directory.EnumerateFileSystemEntries(root, ".*.tmp", new EnumerationOptions { RecurseSubdirectories = maxDepth > 0, MaxRecursionDepth = maxDepth, IgnoreInaccessible = true, AttributesToSkip = 0 })
                .Where(t => IsOrphan(Path.GetFileName(t)))];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
        int removed = 0;
        foreach (string temp in temps)
        {
            try
            {
                if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
                else File.Delete(temp);
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Inside an orphan folder removed just before, or not ours to remove.
            }
        }
        return removed;
    }

    public static string NameFor(string fileName) => $".{fileName}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";

    public static bool IsTempName(string fileName) => Pattern().IsMatch(fileName);

    /// <summary>A temporary (file or folder name) left by a process that is no longer running.</summary>
    public static bool IsOrphan(string fileName)
    {
        var m = Pattern().Match(fileName);
        if (!m.Success || !int.TryParse(m.Groups["pid"].ValueSpan, out int pid)) return false;
        return pid == Environment.ProcessId ? false : !IsAlive(pid);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
