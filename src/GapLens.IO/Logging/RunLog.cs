using System.Globalization;

namespace GapLens.IO.Logging;

/// <summary>
/// Timestamped log lines on a writer (stderr in the CLI), in the TAO launcher's shape:
/// <c>2026-11-23 11:30:41,123 - [gaplens.vlm_bcq] - INFO - message</c>. Thread-safe.
/// </summary>
public sealed class RunLog(TextWriter writer, LogLevel minimum, string name = "gaplens")
{
    private readonly Lock _gate = new();
    private long _stampMs = -1;
    private string _stamp = "";

    public LogLevel Minimum { get; } = minimum;

    public string Name { get; } = name;

    /// <summary>Called before a line is written, so a live progress display can step aside.</summary>
    public Action? BeforeWrite { get; set; }

    public RunLog ForComponent(string component) => new(writer, Minimum, $"gaplens.{component}") { BeforeWrite = BeforeWrite };

    public bool IsEnabled(LogLevel level) => level >= Minimum;

    public void Debug(string message) => Write(LogLevel.Debug, message);

    public void Info(string message) => Write(LogLevel.Info, message);

    public void Warning(string message) => Write(LogLevel.Warning, message);

    public void Error(string message) => Write(LogLevel.Error, message);

    public void Write(LogLevel level, string message)
    {
        if (level < Minimum) return;
        lock (_gate)
        {
            BeforeWrite?.Invoke();
            writer.Write(Stamp());
            writer.Write(" - [");
            writer.Write(Name);
            writer.Write("] - ");
            writer.Write(Label(level));
            writer.Write(" - ");
            writer.WriteLine(message);
            // Warnings can come by the hundred thousand: they are flushed with the next other line or at exit.
            if (level != LogLevel.Warning) writer.Flush();
        }
    }

    /// <summary>The local time to the millisecond, formatted once per millisecond (a run can log
    /// hundreds of thousands of warnings).</summary>
    private string Stamp()
    {
        var now = DateTime.Now;
        long ms = now.Ticks / TimeSpan.TicksPerMillisecond;
        if (ms != _stampMs)
        {
            _stampMs = ms;
            _stamp = now.ToString("yyyy-MM-dd HH:mm:ss,fff", CultureInfo.InvariantCulture);
        }
        return _stamp;
    }

    public void Flush()
    {
        lock (_gate) writer.Flush();
    }

    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Debug => "DEBUG",
        LogLevel.Info => "INFO",
        LogLevel.Warning => "WARNING",
        _ => "ERROR",
    };
}
