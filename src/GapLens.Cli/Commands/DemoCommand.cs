using System.CommandLine;
using System.Globalization;
using GapLens.Cli.Hosting;
using GapLens.Core;
using GapLens.IO.Media;
using GapLens.Jobs.Demo;

namespace GapLens.Cli.Commands;

/// <summary><c>gaplens demo</c>: runs the main jobs on the bundled samples and says where the results are.</summary>
internal static class DemoCommand
{
    public static Command Create(Func<ParseResult, CliHost> host, CancellationToken ct)
    {
        var samples = new Option<string?>("--samples") { Description = "Folder with the sample data (default: the repository's samples/)." };
        var output = new Option<string?>("--out") { Description = "Output folder (default: ./gaplens-demo/<timestamp>/)." };
        var cmd = new Command("demo", """
            Run GapLens on the bundled sample data and print where the results are.

            Runs, each into its own folder:
              vlm_bcq  on samples/vlm_bcq/predictions.json (yes/no answers of a video VLM to several
                       questions, with ambiguous answers and relative video ids)
              vcn_aoi  on samples/vcn_aoi (240 AOI component crops, 2 lightings, 3 defect types),
                       with the RCA report (report.html, RCA_Report.md)
              perception  on samples/perception (Perception Test-shaped: 12 videos, 36 questions):
                       score (with --compare), attention vs object boxes (overlays), confidence
              judge    the offline pixel judge on samples/vmeval (a VMEvalKit-shaped experiment: 3 models,
                       maze and grid tasks, real mp4 videos), then analyze stats: judge vs human scores
              videoqa  long-video QA on samples/videoqa (3 generated 4-minute videos, 12 questions):
                       prepare (frames, embeddings), run (a tool-calling agent against a scripted
                       model server the demo starts on 127.0.0.1), metrics and report
              slices   where each job's samples fail beyond noise: gaplens slices on every output
                       above (vlm_bcq, vcn_aoi, perception x3, analyze plot, videoqa), into slices/

            Examples:
              ./gaplens demo
              gaplens demo --out /tmp/demo
            """)
        {
            samples, output,
        };
        cmd.SetAction((parse, _) =>
        {
            var h = host(parse);
            // The samples are built to trigger warnings (ambiguous answers, a broken video): the demo
            // shows its summary and errors only; --verbose shows every job's log.
            h.Level = GapLens.IO.Logging.LogLevel.Error;
            return h.RunAsync(new DemoJob(new GapLens.Web.Scripted.ScriptedEndpointWebHost()), "demo", () => new DemoOptions(
                parse.GetValue(samples) is { } s ? Path.GetFullPath(s) : FindSamples(),
                Path.GetFullPath(parse.GetValue(output) ?? Path.Combine("gaplens-demo", DateTime.Now.ToString("yyyy-MM-dd_HHmmss", CultureInfo.InvariantCulture))),
                // Video scoring needs ffmpeg to read frames; without it that part is skipped, with the fix.
                FfmpegFrames.IsAvailable()), ct);
        });
        return cmd;
    }

    /// <summary>samples/ of the checkout: $GAPLENS_HOME (set by the ./gaplens launcher), else the first
    /// ancestor of the program's folder that has one.</summary>
    private static string FindSamples()
    {
        if (Environment.GetEnvironmentVariable("GAPLENS_HOME") is { Length: > 0 } home
            && Directory.Exists(Path.Combine(home, "samples")))
        {
            return Path.Combine(home, "samples");
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "samples", "vlm_bcq", "predictions.json");
            if (File.Exists(candidate)) return Path.Combine(dir.FullName, "samples");
        }
        throw new UserInputException("cannot find the sample data (samples/vlm_bcq/predictions.json); run from the repository with ./gaplens demo or pass --samples DIR");
    }
}
