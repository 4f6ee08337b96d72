using GapLens.Core;
using GapLens.Jobs;
using GapLens.IO.Logging;

namespace GapLens.Cli.Hosting;

/// <summary>
/// Runs one job for a command: sets up logging and progress, maps the outcome to the exit code
/// (0 ok, 1 quality gate failed, 2 user/input error, 3 internal error, 130 cancelled) and prints the
/// TAO launcher's last line, <c>Execution status: PASS|FAIL</c>.
/// </summary>
internal sealed class CliHost
{
    public const int ExitOk = 0;
    public const int ExitGate = 1;
    public const int ExitUser = 2;
    public const int ExitBug = 3;
    public const int ExitCancelled = 130;

    private readonly TextWriter _out;
    private readonly TextWriter _err;
    private readonly bool _errIsTerminal;

    public CliHost(TextWriter stdout, TextWriter stderr, bool stderrIsTerminal)
    {
        _out = stdout;
        _err = stderr;
        _errIsTerminal = stderrIsTerminal;
    }

    public bool Quiet { get; set; }

    public bool Verbose { get; set; }

    /// <summary>A level chosen by the command (e.g. the demo keeps its expected warnings out of sight).</summary>
    public LogLevel? Level { get; set; }

    public TextWriter Out => _out;

    public int Run(string component, string progressLabel, Func<JobContext, JobOutcome> job, CancellationToken ct, bool printStatus = true, string unit = "MB")
    {
        var log = CreateLog(component);
        var progress = Quiet ? null : new ConsoleProgress(_err, log, _errIsTerminal, progressLabel, unit);
        var ctx = new JobContext(log, Environment.CurrentDirectory, progress is null ? null : progress.Report, ct)
        {
            ProgressDetail = progress is null ? null : progress.Detail,
        };
        int code;
        try
        {
            var outcome = job(ctx);
            if (!outcome.Passed && outcome.GateMessage is not null) log.Error(outcome.GateMessage);
            code = outcome.ExitCode;
        }
        catch (UserInputException ex)
        {
            log.Flush();
            _err.WriteLine(ex.Message);
            code = ExitUser;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            log.Flush();
            _err.WriteLine("Cancelled; no output was written for the unfinished work.");
            code = ExitCancelled;
        }
        catch (Exception ex)
        {
            log.Flush();
            _err.WriteLine($"Internal error (a bug in gaplens; please report it with this trace):\n{ex}");
            code = ExitBug;
        }
        log.Flush();
        _err.Flush();
        if (printStatus || code != ExitOk) _out.WriteLine(code == ExitOk ? "Execution status: PASS" : "Execution status: FAIL");
        _out.Flush();
        return code;
    }

    public RunLog CreateLog(string component)
    {
        var level = Verbose ? LogLevel.Debug : Level ?? (Quiet ? LogLevel.Warning : LevelFromEnvironment());
        return new RunLog(_err, level, $"gaplens.{component}");
    }

    /// <summary>TAO_LOGGING_LEVEL (DEBUG, INFO, WARNING, ERROR) as the TAO scripts read it.</summary>
    private static LogLevel LevelFromEnvironment() =>
        Environment.GetEnvironmentVariable("TAO_LOGGING_LEVEL")?.Trim().ToUpperInvariant() switch
        {
            "DEBUG" => LogLevel.Debug,
            "WARNING" or "WARN" => LogLevel.Warning,
            "ERROR" or "CRITICAL" => LogLevel.Error,
            _ => LogLevel.Info,
        };
}
