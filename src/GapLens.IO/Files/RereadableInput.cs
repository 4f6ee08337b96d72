using GapLens.Core;

namespace GapLens.IO.Files;

/// <summary>
/// An input file that a job may read more than once (a second pass, a split read, line numbers for an
/// error). A regular file is used as it is. A pipe, a FIFO or <c>/dev/stdin</c> can be read only once,
/// so it is copied in that one pass to a temporary file, which is read instead and deleted on
/// <see cref="Dispose"/>; messages about the copy name the input as the user gave it.
/// </summary>
public sealed class RereadableInput : IDisposable
{
    private RereadableInput(string given, string path)
    {
        Given = given;
        Path = path;
    }

    /// <summary>The input as the user named it.</summary>
    public string Given { get; }

    /// <summary>Where to read it: <see cref="Given"/>, or the temporary copy.</summary>
    public string Path { get; }

    /// <summary>Whether <see cref="Path"/> is a temporary copy of a stream.</summary>
    public bool IsCopy => !ReferenceEquals(Given, Path);

    /// <summary>Opens the input (missing files and folders are user errors naming <paramref name="what"/>)
    /// and copies it when it cannot be read twice.</summary>
    public static RereadableInput Open(string path, string what, CancellationToken ct)
    {
        using var stream = InputFile.OpenForReading(path, what);
        if (stream.CanSeek) return new RereadableInput(path, path);
        string copy = TempFiles.ScratchPath("input");
        try
        {
            using var target = new FileStream(copy, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            var buf = new byte[1 << 20];
            int n;
            while ((n = Read(stream, buf, path, what)) > 0)
            {
                ct.ThrowIfCancellationRequested();
                target.Write(buf, 0, n);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(copy);
            throw new UserInputException($"cannot copy {what} {path} (a pipe or FIFO, read once into {System.IO.Path.GetTempPath()}): {ex.Message}");
        }
        catch
        {
            TryDelete(copy);
            throw;
        }
        return new RereadableInput(path, copy);
    }

    private static int Read(FileStream stream, byte[] buf, string path, string what)
    {
        try
        {
            return stream.Read(buf, 0, buf.Length);
        }
        catch (IOException ex)
        {
            throw new UserInputException($"cannot read {what} {path}: {ex.Message}");
        }
    }

    /// <summary>Runs a reader on <see cref="Path"/>; a user error about the copy names the input instead.</summary>
    public T Read<T>(Func<string, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read(Path);
        }
        catch (UserInputException ex) when (IsCopy)
        {
            throw new UserInputException(ex.Message.Replace(Path, Given, StringComparison.Ordinal), ex);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // In the system's temporary folder; its cleaner removes it.
        }
    }

    public void Dispose()
    {
        if (IsCopy) TryDelete(Path);
    }
}
