using GapLens.Core;
using GapLens.IO.Logging;
using GapLens.Jobs;

namespace GapLens.Cli.Hosting;

/// <summary>
/// Runs one job for a command: sets up logging, progress and the run record, binds the options,
/// awaits the job and maps the outcome to the exit code (0 ok, 1 quality gate failed, 2 user/input
/// error or a folder that cannot be written / a full disk, 3 internal error, 129 cancelled by SIGHUP,
/// 130 by SIGINT, 143 by SIGTERM), then prints the TAO launcher's
/// last line, <c>Execution status: PASS|FAIL</c>.
/// </summary>
internal sealed class CliHost
{
    public const int ExitOk = 0;
    public const int ExitGate = 1;
    public const int ExitUser = 2;
    public const int ExitBug = 3;
    public const int ExitHangup = 129;
    public const int ExitInterrupted = 130;
    public const int ExitTerminated = 143;

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

    /// <summary>The whole command line (recorded, credentials redacted, in the run record).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The exit code of a cancelled run: 129 after SIGHUP, 130 after SIGINT, 143 after SIGTERM.</summary>
    public Func<int> CancelledExitCode { get; init; } = () => ExitInterrupted;

    public TextWriter Out => _out;

    /// <param name="job">The job.</param>
    /// <param name="verb">The verb as typed, e.g. "gap_analysis vcn_aoi" (for the run record).</param>
    /// <param name="bind">Builds the options from the command line; may throw <see cref="UserInputException"/>.</param>
    /// <param name="ct">Cancelled by SIGINT / SIGTERM.</param>
    /// <param name="printStatus">Print the "Execution status" line on success (off for --cfg=job).</param>
    public async Task<int> RunAsync<TOptions>(IJob<TOptions> job, string verb, Func<TOptions> bind, CancellationToken ct, bool printStatus = true)
        where TOptions : IJobOptions
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(bind);
        var log = CreateLog(job.Name);
        // Scratch files of runs killed outright (kill -9) are removed by the next run.
        int orphans = GapLens.IO.Files.TempFiles.RemoveDeadScratch();
        if (orphans > 0) log.Debug($"Removed {orphans} temporary file(s) of killed gaplens runs from {Path.GetTempPath()}");
        var progress = Quiet ? null : new ConsoleProgress(_err, log, _errIsTerminal);
        var record = new RunRecord(verb, Arguments) { CancelledExitCode = CancelledExitCode };
        var ctx = new JobContext(log, Environment.CurrentDirectory, progress, record);
        int code;
        try
        {
            var options = bind();
            record.SetOptions(options.Describe());
            var outcome = await job.RunAsync(options, ctx, ct).ConfigureAwait(false);
            if (!outcome.Passed && outcome.GateMessage is not null) log.Error(outcome.GateMessage);
            log.Flush();
            foreach (string line in outcome.Summary) _out.WriteLine(line);
            code = outcome.Passed ? ExitOk : ExitGate;
            if (ct.IsCancellationRequested && !job.RunsUntilStopped)
            {
                // The signal came after the job's last check: its outputs are complete (their run
                // record is written), but the caller asked to stop and learns it from the exit code.
                _err.WriteLine("Cancelled after the run had finished; its outputs are complete.");
                code = CancelledExitCode();
            }
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
            code = CancelledExitCode();
        }
        catch (Exception ex) when (GapLens.IO.Files.WriteFailure.IsEnvironmental(ex))
        {
            // A folder that cannot be written or a full disk met where no job names the path better.
            log.Flush();
            _err.WriteLine($"cannot continue: {GapLens.IO.Files.WriteFailure.Reason(ex)} ({ex.Message.Split('\n')[0]})");
            code = ExitUser;
        }
        catch (Exception ex)
        {
            log.Flush();
            _err.WriteLine($"Internal error (a bug in gaplens; please report it with this trace):\n{ex}");
            code = ExitBug;
        }
        finally
        {
            record.CancelPendingWork();
        }
        log.Flush();
        _err.Flush();
        if (printStatus || code != ExitOk) _out.WriteLine(code == ExitOk ? "Execution status: PASS" : "Execution status: FAIL");
        _out.Flush();
        return code;
    }

    /// <summary>A user error found before any job starts: the message alone, exit 2.</summary>
    public int UserError(string message)
    {
        _err.WriteLine(message);
        _err.Flush();
        _out.WriteLine("Execution status: FAIL");
        _out.Flush();
        return ExitUser;
    }

    /// <summary>--cfg=job: prints the resolved configuration and runs nothing.</summary>
    public int PrintConfig(Func<string> yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        try
        {
            _out.Write(yaml());
            _out.Flush();
            return ExitOk;
        }
        catch (UserInputException ex)
        {
            return UserError(ex.Message);
        }
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
