using GapLens.Core;

namespace GapLens.IO.Files;

/// <summary>Creating a run's output folder, with failures as user errors naming the key.</summary>
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
            throw new UserInputException($"cannot create {key} {dir}: {ex.Message}");
        }
    }
}
