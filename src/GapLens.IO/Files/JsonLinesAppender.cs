using GapLens.Core;

namespace GapLens.IO.Files;

/// <summary>
/// An append-only JSON Lines file written over a long run, one complete line per record: each line
/// is written with one write call and flushed to disk before <see cref="Append"/> returns, so a
/// killed process (even SIGKILL) leaves every earlier line whole. Opening repairs the only damage a
/// kill can do, a last line cut short (no final newline): it is cut off, so the next record never
/// glues onto it. Thread-safe.
/// </summary>
public sealed class JsonLinesAppender : IDisposable
{
    private readonly FileStream _stream;
    private readonly Lock _gate = new();

    private JsonLinesAppender(FileStream stream, string path, long removed)
    {
        _stream = stream;
        Path = path;
        RemovedPartialBytes = removed;
    }

    public string Path { get; }

    /// <summary>Bytes of a partial last line removed when the file was opened (0: none).</summary>
    public long RemovedPartialBytes { get; }

    /// <summary>Opens (creates) the file for appending, after cutting off a partial last line.</summary>
    /// <param name="path">The file.</param>
    /// <param name="what">What it is, for error messages (e.g. "results file").</param>
    public static JsonLinesAppender Open(string path, string what)
    {
        try
        {
            var fs = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
            long removed = 0;
            try
            {
                removed = CutPartialLine(fs);
                fs.Seek(0, SeekOrigin.End);
            }
            catch
            {
                fs.Dispose();
                throw;
            }
            return new JsonLinesAppender(fs, path, removed);
        }
        catch (UnauthorizedAccessException)
        {
            throw new UserInputException($"cannot write the {what} {path}: permission denied. Give a folder you can write to.");
        }
        catch (IOException ex) when (ex is not FileNotFoundException)
        {
            throw new UserInputException($"cannot write the {what} {path}: {ex.Message}");
        }
    }

    /// <summary>Appends one line (<paramref name="json"/> must hold no newline; one is added) and flushes it to disk.</summary>
    public void Append(ReadOnlySpan<byte> json)
    {
        if (json.Contains((byte)'\n')) throw new ArgumentException("a JSON line must not contain a newline", nameof(json));
        byte[] line = new byte[json.Length + 1];
        json.CopyTo(line);
        line[^1] = (byte)'\n';
        lock (_gate)
        {
            _stream.Write(line);
            _stream.Flush(flushToDisk: true);
        }
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>Truncates the file after its last newline when it does not end with one; returns the bytes removed.</summary>
    private static long CutPartialLine(FileStream fs)
    {
        long length = fs.Length;
        if (length == 0) return 0;
        var buffer = new byte[64 * 1024];
        long end = length;
        while (end > 0)
        {
            int n = (int)Math.Min(buffer.Length, end);
            fs.Seek(end - n, SeekOrigin.Begin);
            fs.ReadExactly(buffer, 0, n);
            int at = buffer.AsSpan(0, n).LastIndexOf((byte)'\n');
            if (at >= 0)
            {
                long keep = end - n + at + 1;
                if (keep == length) return 0;
                fs.SetLength(keep);
                fs.Flush(flushToDisk: true);
                return length - keep;
            }
            end -= n;
        }
        fs.SetLength(0);
        fs.Flush(flushToDisk: true);
        return length;
    }
}
