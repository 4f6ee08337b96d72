using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text;
using GapLens.Cli.Commands;
using GapLens.Cli.Hosting;

namespace GapLens.Cli;

/// <summary>Wires the verbs to the library; every verb is a thin shell over one job.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        using var cts = new CancellationTokenSource();
        int cancelledExit = CliHost.ExitInterrupted;
        // SIGINT (Ctrl+C), SIGTERM and SIGHUP (the terminal went away) stop the job: it cleans up and
        // exits 130, 143 or 129. A second signal while it is stopping ends the process at once (the
        // default action). SIGPIPE is ignored by the runtime: output to a pipe with no reader is dropped
        // and the run finishes (see ConsoleOutputStream).
        void Stop(PosixSignalContext c, int exitCode)
        {
            if (cts.IsCancellationRequested) return;
            c.Cancel = true;
            cancelledExit = exitCode;
            cts.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Stop(c, CliHost.ExitInterrupted));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Stop(c, CliHost.ExitTerminated));
        using var sighup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => Stop(c, CliHost.ExitHangup));
        var stdoutStream = new ConsoleOutputStream(Console.OpenStandardOutput());
        var stdout = new StreamWriter(stdoutStream, new UTF8Encoding(false), 1 << 14) { AutoFlush = false, NewLine = "\n" };
        var stderr = new StreamWriter(new ConsoleOutputStream(Console.OpenStandardError()), new UTF8Encoding(false), 1 << 16) { AutoFlush = false, NewLine = "\n" };
        int code;
        try
        {
            code = await RunAsync(args, stdout, stderr, !Console.IsErrorRedirected, cts.Token, () => cancelledExit).ConfigureAwait(false);
        }
        finally
        {
            stderr.Flush();
            stdout.Flush();
        }
        if (stdoutStream.Failure is { } why)
        {
            // The outputs are as the job left them, but whoever reads stdout (a TAO launcher looking for
            // "Execution status") did not get it: that is a failure of the run.
            stderr.WriteLine($"cannot write standard output: {why}");
            stderr.Flush();
            if (code == CliHost.ExitOk) code = CliHost.ExitUser;
        }
        return code;
    }

    internal static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, bool stderrIsTerminal, CancellationToken ct, Func<int>? cancelledExitCode = null)
    {
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Only warnings and errors on stderr; no progress.", Recursive = true };
        var verbose = new Option<bool>("--verbose") { Description = "Debug log lines too.", Recursive = true };
        CliHost Host(ParseResult parse) => new(stdout, stderr, stderrIsTerminal)
        {
            Quiet = parse.GetValue(quiet),
            Verbose = parse.GetValue(verbose),
            Arguments = args,
            CancelledExitCode = cancelledExitCode ?? (() => CliHost.ExitInterrupted),
        };

        var root = new RootCommand("""
            GapLens: where and why does this model fail, and what do we fix next?
            Fast offline gap analysis of vision-language and video model outputs.

            Examples:
              gaplens demo                                   run every job on the bundled samples
              gaplens bcq --predictions preds.json --out gaps/
              gaplens gap_analysis vlm_bcq predictions_json=preds.json results_dir=gaps/
              gaplens aoi --inference-dir runs/kpi --train-config train.yaml --out gaps/
              gaplens serve --outputs data/outputs --evaluations data/evaluations
              gaplens perception score --annotations valid_annotations.json --answers answers.json --out score/
              gaplens slices --results out/vmeval/plots/samples.jsonl
            """)
        {
            quiet,
            verbose,
            GapAnalysisCommand.Create(Host, ct),
            BcqCommand.Create(Host, ct),
            AoiCommand.Create(Host, ct),
            JudgeCommand.Create(Host, ct),
            AnalyzeCommand.Create(Host, ct),
            ServeCommand.Create(Host, ct),
            VideoQaCommand.Create(Host, ct),
            PerceptionCommand.Create(Host, ct),
            SlicesCommand.Create(Host, ct),
            DemoCommand.Create(Host, ct),
        };
        root.SetAction(parse => root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr }));
        ShortListings(root);

        var result = root.Parse(args);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null };
        if (result.Errors.Count > 0)
        {
            // A misspelt secret option (--review_token X) is refused with a message quoting X: masked.
            foreach (var error in result.Errors) stderr.WriteLine(GapLens.Core.Text.CommandLineRedaction.Mask(error.Message, args));
            var names = new List<string> { "gaplens" };
            for (var c = result.CommandResult; c is not null && c.Command != root; c = c.Parent as System.CommandLine.Parsing.CommandResult) names.Insert(1, c.Command.Name);
            string verb = string.Join(' ', names);
            stderr.WriteLine($"See '{verb} --help' for usage.");
            return CliHost.ExitUser;
        }
        return await result.InvokeAsync(config, ct).ConfigureAwait(false);
    }

    /// <summary>`gaplens --help` lists each command by its first description line (the full text is
    /// in the command's own --help); other help requests keep the default output.</summary>
    private static void ShortListings(RootCommand root)
    {
        var option = root.Options.OfType<System.CommandLine.Help.HelpOption>().FirstOrDefault();
        if (option?.Action is not System.CommandLine.Invocation.SynchronousCommandLineAction standard) return;
        option.Action = new RootHelp(root, standard);
    }

    private sealed class RootHelp(RootCommand root, System.CommandLine.Invocation.SynchronousCommandLineAction standard)
        : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        /// <summary>As the standard help: `gaplens gap_analysis --help` works without the required arguments.</summary>
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            if (parseResult.CommandResult.Command != root) return standard.Invoke(parseResult);
            var o = parseResult.InvocationConfiguration.Output;
            o.WriteLine("Description:");
            foreach (string line in (root.Description ?? "").Split('\n')) o.WriteLine("  " + line.TrimEnd());
            o.WriteLine();
            o.WriteLine("Usage:");
            o.WriteLine("  gaplens [command] [options]");
            o.WriteLine();
            o.WriteLine("Options:");
            o.WriteLine("  -q, --quiet     Only warnings and errors on stderr; no progress.");
            o.WriteLine("  --verbose       Debug log lines too.");
            o.WriteLine("  -?, -h, --help  Show help and usage information");
            o.WriteLine("  --version       Show version information");
            o.WriteLine();
            o.WriteLine("Commands:");
            foreach (var cmd in root.Subcommands)
            {
                o.WriteLine($"  {cmd.Name,-14}{(cmd.Description ?? "").Split('\n')[0].Trim()}");
            }
            o.WriteLine();
            o.WriteLine("Run 'gaplens <command> --help' for a command's options and examples.");
            return 0;
        }
    }
}
