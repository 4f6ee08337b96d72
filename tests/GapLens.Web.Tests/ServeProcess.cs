using System.Diagnostics;
using System.Text;
using GapLens.Testing;

namespace GapLens.Web.Tests;

/// <summary>The real <c>gaplens serve</c> as a separate process (<see cref="GapLensProgram"/>: the native program test.sh builds, else gaplens.dll next to the tests),
/// its address read from what it prints.</summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process)
    {
        Process = process;
    }

    public Process Process { get; }

    public string Stdout { get { lock (_out) return _out.ToString(); } }

    public string Stderr { get { lock (_err) return _err.ToString(); } }

    public static async Task<(ServeProcess Server, Uri Address)> StartAsync(string cwd, params string[] args)
    {
        var psi = GapLensProgram.StartInfo(["serve", .. args]);
        psi.WorkingDirectory = cwd;
        psi.RedirectStandardOutput = psi.RedirectStandardError = psi.RedirectStandardInput = true;
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment.Remove("GAPLENS_TOKEN");
        var s = new ServeProcess(Process.Start(psi)!);
        s.Process.StandardInput.Close();
        s.Process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (s._out) s._out.AppendLine(e.Data);
            int at = e.Data.IndexOf("http://", StringComparison.Ordinal);
            if (at >= 0) s._address.TrySetResult(new Uri(e.Data[at..].Split(' ')[0]));
        };
        s.Process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (s._err) s._err.AppendLine(e.Data); };
        s.Process.BeginOutputReadLine();
        s.Process.BeginErrorReadLine();
        var started = await Task.WhenAny(s._address.Task, s.Process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (started != s._address.Task)
        {
            s.Dispose();
            throw new InvalidOperationException($"gaplens serve did not start: {s.Stdout}\n{s.Stderr}");
        }
        return (s, await s._address.Task);
    }

    /// <summary>SIGKILL: no chance to clean up.</summary>
    public void KillHard()
    {
        Process.Kill();
        Process.WaitForExit();
    }

    /// <summary>
    /// SIGINT, as Ctrl+C sends; returns the exit code. When this test run ignores SIGINT (it was started in
    /// the background by a non-interactive shell), the server inherited that and rightly ignores it too,
    /// as every program does: it then gets SIGTERM, which stops it the same way.
    /// </summary>
    public async Task<int> InterruptAsync()
    {
        string signal = SigintIgnored() ? "-TERM" : "-INT";
        using (var kill = Process.Start("kill", [signal, Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        // A hang guard, not a timing assertion: generous, because the suite runs on a shared, loaded machine.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            await Process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"gaplens serve did not stop within 120 s of SIGINT; its log:\n{Stderr}");
        }
        Process.WaitForExit();
        return Process.ExitCode;
    }

    private static bool SigintIgnored()
    {
        string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) & 0x2) != 0;
    }

    public void Dispose()
    {
        if (!Process.HasExited) KillHard();
        Process.Dispose();
    }
}
