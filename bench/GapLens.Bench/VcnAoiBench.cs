using System.Diagnostics;
using System.Globalization;
using GapLens.IO.Logging;
using GapLens.Jobs;
using GapLens.Jobs.VcnAoi;

/// <summary>
/// <c>GapLens.Bench vcn-aoi &lt;inference_dir&gt; &lt;train.yaml&gt; [runs] [min_recall]</c>: the vcn_aoi job
/// in-process, <c>runs</c> times (default 3) into fresh folders, with its phase timings (the job's
/// debug lines) on stderr and the wall and CPU time of each run on stdout. The first run pays for
/// JIT compilation and one-time initialisation; later runs show the steady state.
/// </summary>
internal static class VcnAoiBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        int runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        double minRecall = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 0.995;
        string root = Path.Combine(Path.GetTempPath(), "gaplens-vcn-aoi-bench");
        var process = Process.GetCurrentProcess();
        for (int i = 0; i < runs; i++)
        {
            string outDir = Path.Combine(root, $"run{i}");
            if (Directory.Exists(outDir)) Directory.Delete(outDir, true);
            var options = new AoiOptions(args[0], args[1], "/media", -1, minRecall, 50, outDir);
            var log = new RunLog(Console.Error, LogLevel.Debug, "gaplens.vcn_aoi");
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var outcome = await new VcnAoiJob().RunAsync(options, JobContext.Create(log, Environment.CurrentDirectory, "bench"), CancellationToken.None);
            double wall = clock.Elapsed.TotalSeconds;
            log.Flush();
            process.Refresh();
            double cpu = (process.TotalProcessorTime - cpu0).TotalSeconds;
            Console.WriteLine(FormattableString.Invariant(
                $"run {i + 1}: {wall:F3} s wall, {cpu:F3} s CPU, peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MiB ({(outcome.Passed ? "passed" : "gate failed")})"));
        }
        Directory.Delete(root, true);
        return 0;
    }
}
