using GapLens.Core;

namespace GapLens.IO.Files;

/// <summary>Creating a run's output folder, with failures as user errors naming the key: a folder
/// that exists but cannot be written (read-only, immutable, a full disk) is refused before any work.</summary>
public static class OutputFolder
{
    public static void Create(string dir, string key = "results_dir")
    {
        if (File.Exists(dir)) throw new UserInputException($"{key} {dir} exists and is a file; expected a folder (it is created when missing).");
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot create {key} {dir}: {(WriteFailure.IsEnvironmental(ex) ? WriteFailure.Reason(ex) : ex.Message)}");
        }
        string probe = Path.Combine(dir, TempFiles.NameFor("write-probe"));
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                // Created and removed: the folder takes new files.
            }
        }
        catch (Exception ex) when (WriteFailure.IsEnvironmental(ex))
        {
            throw new UserInputException($"cannot write {key} {dir}: {WriteFailure.Reason(ex)}. Give a folder you can write to.");
        }
    }
}
