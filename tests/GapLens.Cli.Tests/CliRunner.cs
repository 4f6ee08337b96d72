using System.Diagnostics;

namespace GapLens.Cli.Tests;

/// <summary>Runs the real gaplens program (built next to the tests) as a separate process.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        public string LastStdoutLine => Stdout.TrimEnd('\n').Split('\n')[^1];
    }

    /// <summary>How the program is started. <paramref name="defaultSigint"/>: a shell starting a command
    /// in the background without job control (`cmd &amp;` in a script, as a CI step may) makes it ignore
    /// SIGINT, which the runtime then keeps ignoring, as nohup wants; env(1) puts the default
    /// disposition back so a test can send a SIGINT the program sees.</summary>
    public static ProcessStartInfo StartInfo(string cwd, IReadOnlyDictionary<string, string>? env, IEnumerable<string> args, bool defaultSigint = false)
    {
        var command = GapLens.Testing.GapLensProgram.Command;
        var psi = new ProcessStartInfo(defaultSigint ? "env" : command[0])
        {
            WorkingDirectory = cwd,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (defaultSigint)
        {
            psi.ArgumentList.Add("--default-signal=INT");
            psi.ArgumentList.Add(command[0]);
        }
        foreach (string c in command.Skip(1)) psi.ArgumentList.Add(c);
        foreach (string a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment.Remove("TAO_LOGGING_LEVEL");
        if (env is not null)
        {
            foreach (var (k, v) in env) psi.Environment[k] = v;
        }
        return psi;
    }

    public static Result Run(string cwd, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        using var p = Start(cwd, env, args);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("gaplens did not finish in 120 s: " + string.Join(' ', args));
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    public static Result Run(string cwd, params string[] args) => Run(cwd, null, args);

    /// <summary>Starts the program with stdout and stderr redirected (the caller reads or kills it).</summary>
    public static Process Start(string cwd, IReadOnlyDictionary<string, string>? env, params string[] args) => Process.Start(StartInfo(cwd, env, args))!;
}
