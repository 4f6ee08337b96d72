using System.CommandLine;
using System.Globalization;
using GapLens.Cli.Hosting;
using GapLens.Core;
using GapLens.Jobs;
using GapLens.Jobs.VcnAoi;
using GapLens.Jobs.VlmBcq;

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
              judge    the offline pixel judge on samples/vmeval (a VMEvalKit-shaped experiment: 3 models,
                       maze and grid tasks, real mp4 videos), then analyze stats: judge vs human scores

            Examples:
              ./gaplens demo
              gaplens demo --out /tmp/demo
            """)
        {
            samples, output,
        };
        cmd.SetAction(parse =>
        {
            var h = host(parse);
            // The samples are built to trigger warnings (ambiguous answers, a broken video): the demo
            // shows its summary and errors only; --verbose shows every job's log.
            h.Level = GapLens.IO.Logging.LogLevel.Error;
            return h.Run("demo", "Reading", ctx =>
            {
                string samplesDir = parse.GetValue(samples) is { } s ? ctx.Absolute(s) : FindSamples();
                string outDir = ctx.Absolute(parse.GetValue(output)
                    ?? Path.Combine("gaplens-demo", DateTime.Now.ToString("yyyy-MM-dd_HHmmss", CultureInfo.InvariantCulture)));
                var bcq = VlmBcqJob.Run(new BcqOptions(
                    Path.Combine(samplesDir, "vlm_bcq", "predictions.json"),
                    Path.Combine(outDir, "vlm_bcq"),
                    Path.Combine(samplesDir, "vlm_bcq", "videos")), ctx);

                string aoiDir = Path.Combine(samplesDir, "vcn_aoi");
                var aoi = VcnAoiJob.Run(new AoiOptions(
                    Path.Combine(aoiDir, "inference"), Path.Combine(aoiDir, "train.yaml"), Path.Combine(aoiDir, "images"),
                    -1.0, 1.0, 10, Path.Combine(outDir, "vcn_aoi")), ctx);

                // Video scoring needs ffmpeg to read frames; without it that part is skipped, with the fix.
                bool videos = GapLens.Judging.Frames.FfmpegFrames.IsAvailable();
                GapLens.Judging.Runs.JudgeRunSummary? judged = null;
                JobOutcome? stats = null, plots = null;
                if (videos)
                {
                    string vm = Path.Combine(samplesDir, "vmeval", "data");
                    string evalDir = Path.Combine(outDir, "vmeval", "evaluations");
                    judged = GapLens.Judging.Runs.JudgeRunner.RunAsync(new GapLens.Judging.Judges.PixelJudge(),
                        new GapLens.Judging.Runs.JudgeRunOptions(Path.Combine(vm, "outputs"), evalDir, Environment.ProcessorCount), ctx.Log, null, ctx.Cancellation).GetAwaiter().GetResult();
                    stats = GapLens.Jobs.Scoring.AnalyzeStatsJob.Run(new GapLens.Jobs.Scoring.AnalyzeStatsOptions(
                        Path.Combine(evalDir, "pixel-eval"), Path.Combine(vm, "evaluations", "human-eval"), Path.Combine(outDir, "vmeval", "stats")), ctx);
                    plots = GapLens.Jobs.Scoring.AnalyzePlotJob.Run(new GapLens.Jobs.Scoring.AnalyzePlotOptions(
                        Path.Combine(evalDir, "pixel-eval"), Path.Combine(outDir, "vmeval", "plots")), ctx);
                }

                var o = h.Out;
                o.WriteLine($"GapLens demo: results in {outDir}   (every job's log: gaplens demo --verbose)");
                o.WriteLine();
                o.WriteLine($"vlm_bcq: {bcq.Headline}");
                foreach (string a in bcq.Artifacts) o.WriteLine($"  {a}");
                string report = Path.Combine(outDir, "vlm_bcq", BcqArtifacts.ReportName);
                if (File.Exists(report))
                {
                    o.WriteLine();
                    o.Write(File.ReadAllText(report));
                }
                o.WriteLine();
                o.WriteLine($"vcn_aoi: {aoi.Headline}");
                foreach (string a in aoi.Artifacts) o.WriteLine($"  {a}");
                o.WriteLine();
                if (judged is not null && stats is not null && plots is not null)
                {
                    o.WriteLine($"judge (pixel): {judged.Items} videos: {judged.Scored} scored, {judged.Skipped} skipped (no ground truth), {judged.Failed} failed (unreadable video)");
                    o.WriteLine($"analyze plot: {plots.Headline}");
                    o.WriteLine($"analyze stats: {stats.Headline}");
                    foreach (string a in stats.Artifacts) o.WriteLine($"  {a}");
                }
                else
                {
                    o.WriteLine("video scoring demo skipped: ffmpeg is not installed (apt-get install ffmpeg, or run ./test.sh, which installs it)");
                }
                o.WriteLine();
                o.WriteLine($"Reports: {report}");
                o.WriteLine($"         {Path.Combine(outDir, "vcn_aoi", VcnAoiJob.ReportHtmlName)}");
                if (videos)
                {
                    o.WriteLine($"         {Path.Combine(outDir, "vmeval", "plots", "index.html")}");
                    o.WriteLine($"         {Path.Combine(outDir, "vmeval", "stats", "stats.md")}");
                }
                return JobOutcome.Ok([.. bcq.Artifacts, .. aoi.Artifacts, .. stats?.Artifacts ?? []], bcq.Headline);
            }, ct);
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
