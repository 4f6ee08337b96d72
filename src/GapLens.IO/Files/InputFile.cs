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
}
