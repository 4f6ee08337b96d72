using GapLens.Core;

namespace GapLens.IO.Files;

/// <summary>
/// An input file that a job may read more than once (a second pass, a split read, line numbers for an
/// error). A regular file is used as it is. A pipe, a FIFO or <c>/dev/stdin</c> can be read only once,
/// so it is copied in that one pass to a temporary file, which is read instead and deleted on
/// <see cref="Dispose"/>; messages about the copy name the input as the user gave it. A regular file's
/// size and modification time are noted when it is opened and checked after every read: a file
/// rewritten between two passes (or during one) would otherwise mix two versions in one result
/// without a word (e.g. vcn_aoi's scores from the first pass, the kept rows' paths from the second).
/// </summary>
public sealed class RereadableInput : IDisposable
{
    private readonly string _what;
    private readonly (long Length, DateTime Modified)? _seen;

    private RereadableInput(string given, string path, string what)
    {
        Given = given;
        Path = path;
        _what = what;
        if (!IsCopy) _seen = Stamp(path);
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
        if (stream.CanSeek) return new RereadableInput(path, path, what);
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
        return new RereadableInput(path, copy, what);
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

    /// <summary>Runs a reader on <see cref="Path"/>; a user error about the copy names the input instead.
    /// A file changed since it was opened is a user error (checked after the read).</summary>
    public T Read<T>(Func<string, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        T result;
        try
        {
            result = read(Path);
        }
        catch (UserInputException ex) when (IsCopy)
        {
            throw new UserInputException(ex.Message.Replace(Path, Given, StringComparison.Ordinal), ex);
        }
        CheckUnchanged();
        return result;
    }

    private void CheckUnchanged()
    {
        if (_seen is not { } seen) return;
        (long Length, DateTime Modified)? now;
        try
        {
            now = Stamp(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            now = null;
        }
        if (now == seen) return;
        string what = now is not { } n ? "it is gone"
            : n.Length != seen.Length ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{seen.Length:N0} bytes when opened, {n.Length:N0} now")
            : "its modification time changed";
        throw new UserInputException($"{_what} {Given} changed while it was being read ({what}); rerun once nothing writes to it, or give a copy");
    }

    private static (long Length, DateTime Modified)? Stamp(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? (info.Length, info.LastWriteTimeUtc) : null;
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
