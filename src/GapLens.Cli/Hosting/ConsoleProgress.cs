using System.Diagnostics;
using System.Globalization;
using GapLens.IO.Logging;

namespace GapLens.Cli.Hosting;

/// <summary>
/// Progress for long work: a redrawn bar on stderr when it is a terminal (log lines clear it first),
/// otherwise a plain log line at most every 10 seconds. Silent with --quiet.
/// </summary>
internal sealed class ConsoleProgress : GapLens.Jobs.IJobProgress
{
    private readonly TextWriter _err;
    private readonly RunLog _log;
    private readonly bool _interactive;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private volatile string _label = "Working";
    private volatile string _unit = "items";
    private long _lastDrawMs = -1000;
    private volatile string _detail = "";
    private bool _lineVisible;

    public ConsoleProgress(TextWriter err, RunLog log, bool interactive)
    {
        _err = err;
        _log = log;
        _interactive = interactive;
        if (interactive) log.BeforeWrite = Clear;
    }

    public void Begin(string label, string unit)
    {
        _label = label;
        _unit = unit;
        _detail = "";
        _clock.Restart();
        _lastDrawMs = -1000;
    }

    /// <summary>Counts shown beside the bar (thread-safe; drawn with the next report).</summary>
    public void Detail(string detail) => _detail = detail;

    public void Report(long done, long total)
    {
        long now = _clock.ElapsedMilliseconds;
        bool finished = total > 0 && done >= total;
        if (_interactive)
        {
            if (now - _lastDrawMs < 100 && !finished) return;
            _lastDrawMs = now;
            double frac = total > 0 ? Math.Clamp((double)done / total, 0, 1) : 0;
            int filled = (int)(frac * 30);
            string eta = frac > 0.01 && !finished ? $" ETA {Seconds(now / 1000.0 * (1 - frac) / frac)}" : "";
            _err.Write(string.Create(CultureInfo.InvariantCulture,
                $"\r{_label} [{new string('#', filled)}{new string('.', 30 - filled)}] {frac * 100,3:F0}% {Amount(done)}/{Amount(total)} {_unit}{(_detail.Length > 0 ? ", " + _detail : "")} {Seconds(now / 1000.0)}{eta}\u001b[K"));
            _err.Flush();
            _lineVisible = true;
            if (finished) Clear();
        }
        else if (now - _lastDrawMs >= 10_000 && !finished)
        {
            _lastDrawMs = now;
            _log.Info(string.Create(CultureInfo.InvariantCulture, $"{_label}: {(total > 0 ? 100.0 * done / total : 0):F0}% ({Amount(done)} of {Amount(total)} {_unit}{(_detail.Length > 0 ? "; " + _detail : "")})"));
        }
    }

    private void Clear()
    {
        if (!_lineVisible) return;
        _err.Write("\r\u001b[K");
        _lineVisible = false;
    }

    private string Amount(long n) => _unit == "MB"
        ? (n / 1e6).ToString("F1", CultureInfo.InvariantCulture)
        : n.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(double s) => s < 60
        ? s.ToString("F1", CultureInfo.InvariantCulture) + "s"
        : $"{(int)(s / 60)}m{(int)(s % 60):00}s";
}
