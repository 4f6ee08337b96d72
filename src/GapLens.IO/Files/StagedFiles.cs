namespace GapLens.IO.Files;

/// <summary>
/// A set of output files committed together: each is written in full to a hidden temporary file next
/// to its target as it is staged; <see cref="Commit"/> renames them all into place (each rename atomic
/// on POSIX). Disposing without committing removes the temporaries, so a failed run leaves no file
/// that looks complete.
/// </summary>
public sealed class StagedFiles : IDisposable
{
    private readonly List<(string Temp, string Target)> _staged = [];

    public IReadOnlyList<string> Targets => _staged.ConvertAll(s => s.Target);

    public void Stage(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        string temp = AtomicFile.TempPathFor(full);
        _staged.Add((temp, full));
        using var fs = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        write(fs);
        fs.Flush(flushToDisk: true);
    }

    public void StageText(string path, Action<TextWriter> write) =>
        Stage(path, stream =>
        {
            using var writer = new StreamWriter(stream, TextEncodings.Utf8Strict, 1 << 16, leaveOpen: true) { NewLine = "\n" };
            write(writer);
        });

    public void StageText(string path, string content) => Stage(path, s => s.Write(TextEncodings.Utf8Strict.GetBytes(content)));

    public void Commit()
    {
        foreach (var (temp, target) in _staged) File.Move(temp, target, overwrite: true);
        _staged.Clear();
    }

    public void Dispose()
    {
        foreach (var (temp, _) in _staged)
        {
            try
            {
                File.Delete(temp);
            }
            catch (IOException)
            {
                // Best effort: the hidden temporary name never looks like an output.
            }
            catch (UnauthorizedAccessException)
            {
                // Same as above.
            }
        }
        _staged.Clear();
    }
}
