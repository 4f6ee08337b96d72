using System.Text;

namespace GapLens.IO.Logging;

/// <summary>
/// Holds log messages back until a run knows it will go ahead (e.g. after a whole input has been
/// validated), spooling them to a temporary file so memory stays bounded however many there are.
/// <see cref="Replay"/> writes them to the log; <see cref="Dispose"/> drops what was not replayed.
/// </summary>
public sealed class DeferredLog : IDisposable
{
    private readonly string _path = GapLens.IO.Files.TempFiles.ScratchPath("deferred", ".log");
    private StreamWriter? _writer;

    public void Add(LogLevel level, string message)
    {
        _writer ??= new StreamWriter(_path, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        // One record per line: messages are single-line; escape any newline defensively.
        _writer.Write((int)level);
        _writer.Write('\t');
        _writer.WriteLine(message.Replace("\n", "\\n", StringComparison.Ordinal));
    }

    public void Replay(RunLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (_writer is null) return;
        _writer.Dispose();
        _writer = null;
        foreach (string line in File.ReadLines(_path, Encoding.UTF8))
        {
            int tab = line.IndexOf('\t', StringComparison.Ordinal);
            log.Write((LogLevel)(line[0] - '0'), line[(tab + 1)..]);
        }
        File.Delete(_path);
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
        if (File.Exists(_path)) File.Delete(_path);
    }
}
