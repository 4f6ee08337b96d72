using GapLens.Core;

namespace GapLens.IO.Files;

/// <summary>Opening an input file, with the usual failures (missing, a folder, unreadable) as user errors.</summary>
public static class InputFile
{
    /// <summary>Opens a file for sequential reading.</summary>
    /// <param name="path">The file to open.</param>
    /// <param name="what">What the file is, as the error names it (e.g. the config key).</param>
    /// <param name="expected">What a folder was given instead of, e.g. "a YAML file".</param>
    public static FileStream OpenForReading(string path, string what, string expected = "a file")
    {
        if (Directory.Exists(path)) throw new UserInputException($"{what} {path} is a directory; expected {expected}.");
        if (!File.Exists(path)) throw new UserInputException($"FileNotFoundError: {what} not found: {path}");
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (UnauthorizedAccessException)
        {
            throw new UserInputException($"PermissionError: cannot read {what} {path}: permission denied.");
        }
        catch (IOException ex)
        {
            throw new UserInputException($"cannot read {what} {path}: {ex.Message}");
        }
    }

    /// <summary>
    /// A whole small file (a config, a score file) in memory, refused past
    /// <see cref="ResourceLimits.MaxRecordBytes"/>: a link to a device or a huge file is never read
    /// forever. Failures are user errors naming <paramref name="what"/>.
    /// </summary>
    public static byte[] ReadAllBounded(string path, string what, string expected = "a file")
    {
        long limit = ResourceLimits.Current.MaxRecordBytes;
        using var fs = OpenForReading(path, what, expected);
        var ms = new MemoryStream();
        var buf = new byte[1 << 16];
        try
        {
            int n;
            while ((n = fs.Read(buf, 0, buf.Length)) > 0)
            {
                ms.Write(buf, 0, n);
                if (ms.Length > limit)
                {
                    throw new UserInputException($"{what} {path} is larger than {ResourceLimits.Describe(limit)}, the limit for one record; " +
                        $"raise it with the environment variable {ResourceLimits.MaxRecordBytesVariable} if it is meant to be that large");
                }
            }
        }
        catch (IOException ex)
        {
            throw new UserInputException($"cannot read {what} {path}: {ex.Message}");
        }
        return ms.ToArray();
    }
}
