using System.Diagnostics;
using System.Text;

namespace GapLens.Cli.Tests;

/// <summary>
/// The real gaplens program running as a child process, watched line by line, so a test can act at a
/// moment of the run (a log line appearing) and send it real signals (SIGINT, SIGTERM) or kill it.
/// </summary>
internal sealed class RunningCli : IDisposable
{
    private readonly Process _p;
    private readonly StringBuilder _out = new();
    private readonly List<string> _err = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _outDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningCli(Process p) => _p = p;

    public int Pid => _p.Id;

    public static RunningCli Start(string cwd, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var psi = CliRunner.StartInfo(cwd, env, args, defaultSigint: true);
        var p = new Process { StartInfo = psi };
        var cli = new RunningCli(p);
        p.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) cli._outDone.TrySetResult();
            else lock (cli._gate) cli._out.Append(e.Data).Append('\n');
        };
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) cli._errDone.TrySetResult();
            else lock (cli._gate) cli._err.Add(e.Data);
        };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        p.StandardInput.Close();
        return cli;
    }

    /// <summary>Waits until a stderr line matches; false when the process ended or the time ran out first.</summary>
    public bool WaitForStderr(Func<string, bool> match, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            lock (_gate)
            {
                if (_err.Any(match)) return true;
            }
            if (_p.HasExited) return false;
            Thread.Sleep(5);
        }
        return false;
    }

    public bool WaitForStderr(string contains, TimeSpan timeout) => WaitForStderr(l => l.Contains(contains, StringComparison.Ordinal), timeout);

    /// <summary>Sends a signal by name (INT, TERM, KILL) with kill(1).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", name, _p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    public bool HasExited => _p.HasExited;

    public CliRunner.Result WaitForExit(TimeSpan timeout)
    {
        if (!_p.WaitForExit(timeout))
        {
            _p.Kill(entireProcessTree: true);
            throw new TimeoutException($"gaplens did not end within {timeout.TotalSeconds} s; stderr:\n{Stderr}");
        }
        Task.WaitAll([_outDone.Task, _errDone.Task], TimeSpan.FromSeconds(10));
        lock (_gate) return new CliRunner.Result(_p.ExitCode, _out.ToString(), string.Join('\n', _err) + "\n");
    }

    public string Stderr
    {
        get
        {
            lock (_gate) return string.Join('\n', _err);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_p.HasExited) _p.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        _p.Dispose();
    }
}
