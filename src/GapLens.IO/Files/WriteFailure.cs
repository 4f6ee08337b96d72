using System.Globalization;

namespace GapLens.IO.Files;

/// <summary>
/// Failures of the machine rather than of gaplens: a folder that cannot be written (permissions, a
/// read-only file system or the immutable attribute), a full disk or quota, a file over the size
/// limit of the process. They are reported as one line naming the path (exit 2), never as a bug.
/// </summary>
public static class WriteFailure
{
    // errno values of Linux, which .NET keeps as the HResult of the IOException it throws for them.
    private const int EFBIG = 27;
    private const int ENOSPC = 28;
    private const int EROFS = 30;
    private const int EDQUOT = 122;

    /// <summary>Whether an exception is one of those failures (and not a bug).</summary>
    public static bool IsEnvironmental(Exception ex) => ex switch
    {
        UnauthorizedAccessException => true,
        FileNotFoundException or DirectoryNotFoundException => false,
        IOException io => io.HResult is EFBIG or ENOSPC or EROFS or EDQUOT,
        _ => false,
    };

    /// <summary>What went wrong, without the path the runtime appends (often a temporary's).</summary>
    public static string Reason(Exception ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        if (ex is UnauthorizedAccessException) return "permission denied";
        string reason = ex.HResult switch
        {
            ENOSPC => "no space left on device",
            EDQUOT => "disk quota exceeded",
            EROFS => "read-only file system",
            EFBIG => "file too large for this process (ulimit -f) or file system",
            _ => ex.Message,
        };
        int at = reason.IndexOf(" : '", StringComparison.Ordinal);
        return at > 0 ? reason[..at] : reason;
    }

    /// <summary>One line: "cannot write PATH: REASON".</summary>
    public static string Describe(string path, Exception ex) => string.Create(CultureInfo.InvariantCulture, $"cannot write {path}: {Reason(ex)}");
}
