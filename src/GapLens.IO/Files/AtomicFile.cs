namespace GapLens.IO.Files;

/// <summary>
/// Single-file convenience over <see cref="StagedFiles"/>: a reader never sees a half-written file.
/// </summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content)
    {
        using var staged = new StagedFiles();
        staged.StageText(path, content);
        staged.Commit();
    }

    public static void WriteAllBytes(string path, byte[] content)
    {
        using var staged = new StagedFiles();
        staged.Stage(path, s => s.Write(content));
        staged.Commit();
    }
}
