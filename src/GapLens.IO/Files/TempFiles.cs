using System.Text.RegularExpressions;

namespace GapLens.IO.Files;

/// <summary>
/// The one naming rule of the temporaries outputs are written to before their atomic rename:
/// <c>.&lt;name&gt;.&lt;pid&gt;.&lt;32 hex&gt;.tmp</c> beside the target (hidden, never looking like an
/// output). A temporary whose process is gone is an orphan of a killed run, safe to remove.
/// </summary>
public static partial class TempFiles
{
    [GeneratedRegex(@"^\..+\.(?<pid>\d+)\.[0-9a-f]{32}\.tmp$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

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
