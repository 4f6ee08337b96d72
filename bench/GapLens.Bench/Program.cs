using System.Diagnostics;
using GapLens.IO.Csv;
using GapLens.IO.Media;

// Usage: GapLens.Bench csv-parse <inference.csv> [full|fast]
//   Parses the CSV with the parser vcn_aoi uses (first pass: scores and labels) and nothing else,
//   so scripts can compare a full run with the bare parse.
//   With "full", the full reader only (Sylvan, every check), not the fast path for plain files;
//   with "fast", the fast path alone, five times.
if (args.Length >= 2 && args[0] == "csv-parse")
{
    var clock = Stopwatch.StartNew();
    var cpu = Environment.CpuUsage.TotalTime;
    bool full = args.Length > 2 && args[2] == "full";
    if (args.Length > 2 && args[2] == "fast")
    {
        for (int run = 0; run < 5; run++)
        {
            clock.Restart();
            cpu = Environment.CpuUsage.TotalTime;
            var fast = InferenceCsvFastPath.TryReadTable(args[1], GapLens.Core.Text.PandasFloatPrecision.High, null, CancellationToken.None);
            Console.WriteLine(System.FormattableString.Invariant(
                $"fast path: {(fast is null ? "gave up" : $"{fast.RowCount} rows")} in {clock.Elapsed.TotalSeconds:F3} s ({(Environment.CpuUsage.TotalTime - cpu).TotalSeconds:F3} s CPU)"));
        }
        return 0;
    }
    var table = full ? InferenceCsv.ReadTableFully(args[1], GapLens.Core.Text.PandasFloatPrecision.High) : InferenceCsv.ReadTable(args[1]);
    Console.WriteLine(System.FormattableString.Invariant(
        $"parsed {table.RowCount} rows, {table.Labels.Length} labels in {clock.Elapsed.TotalSeconds:F3} s ({(Environment.CpuUsage.TotalTime - cpu).TotalSeconds:F3} s CPU){(full ? " (full reader)" : "")}"));
    return 0;
}
// Usage: GapLens.Bench where-it-fails [samples] [runs]   (see WhereItFailsBench.cs)
if (args.Length >= 1 && args[0] == "where-it-fails") return GapLens.Bench.WhereItFailsBench.Run(args);
// Usage: GapLens.Bench float-parse <inference.csv> [runs]   (see FloatParseBench.cs)
if (args.Length >= 2 && args[0] == "float-parse") return FloatParseBench.Run(args[1..]);
if (args.Length >= 2 && args[0] == "sweep") return GapLens.Bench.SweepBench.Run(args[1..]);
// Usage: GapLens.Bench videoqa-run [questions] [concurrency] [image-max-side|none] [passes] [cache-MiB]   (see VideoQaRunBench.cs)
if (args.Length >= 1 && args[0] == "videoqa-run") return await VideoQaRunBench.RunAsync(args);
if (args.Length == 1 && args[0] == "videoqa-server") return await VideoQaRunBench.ServeAsync();
// Usage: GapLens.Bench bootstrap [pairs] [resamples]
//   Times Bootstrap.MeanDifference (percentile) on random paired scores, best of 3 after a warm-up.
if (args.Length >= 1 && args[0] == "bootstrap")
{
    int n = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
    int b = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 10_000;
    var rng = new Random(1);
    var x = Enumerable.Range(0, n).Select(_ => (double)rng.Next(1, 6)).ToArray();
    var y = x.Select(v => Math.Clamp(v + rng.Next(-1, 2), 1, 5)).ToArray();
    GapLens.Statistics.Bootstrap.MeanDifference(x, y, 200, seed: 1);
    double best = double.MaxValue;
    GapLens.Statistics.BootstrapResult? r = null;
    for (int rep = 0; rep < 3; rep++)
    {
        var clock = Stopwatch.StartNew();
        r = GapLens.Statistics.Bootstrap.MeanDifference(x, y, b, seed: 42);
        best = Math.Min(best, clock.Elapsed.TotalSeconds);
    }
    Console.WriteLine(System.FormattableString.Invariant(
        $"bootstrap mean difference: {n} pairs x {b} resamples in {best:F3} s on {Environment.ProcessorCount} cores (best of 3); observed {r!.Observed:F6}, 95% CI [{r.Interval!.Lower:F6}, {r.Interval.Upper:F6}]"));
    return 0;
}
// Usage: GapLens.Bench judge [items] [concurrency] [workdir]
//   Judges N VMEvalKit items with the OpenAI-compatible judge against the local test server
//   (answering instantly), at the given concurrency; prints items/s and peak RSS.
if (args.Length >= 1 && args[0] == "judge")
{
    int n = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
    int conc = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 32;
    string work = args.Length > 3 ? args[3] : Path.Combine(Path.GetTempPath(), "gaplens-judge-bench");
    if (Directory.Exists(work)) Directory.Delete(work, true);
    var clock = Stopwatch.StartNew();
    byte[] png;
    using (var surface = SkiaSharp.SKSurface.Create(new SkiaSharp.SKImageInfo(32, 32)))
    {
        surface.Canvas.Clear(SkiaSharp.SKColors.SteelBlue);
        using var image = surface.Snapshot();
        using var data = image.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        png = data.ToArray();
    }
    Directory.CreateDirectory(Path.Combine(work, "frames"));
    for (int k = 0; k < 3; k++) File.WriteAllBytes(Path.Combine(work, "frames", $"f{k}.png"), png);
    string mp4 = Path.Combine(work, "v.mp4");
    await FfmpegFrames.WriteVideoAsync(Path.Combine(work, "frames", "f%d.png"), mp4, 3, CancellationToken.None);
    byte[] video = File.ReadAllBytes(mp4);
    for (int i = 0; i < n; i++)
    {
        string run = Path.Combine(work, "outputs", "bench", $"model{i % 4}", $"task{i % 8}_task", $"t{i:000000}", "r1");
        Directory.CreateDirectory(Path.Combine(run, "question"));
        Directory.CreateDirectory(Path.Combine(run, "video"));
        File.WriteAllBytes(Path.Combine(run, "question", "first_frame.png"), png);
        File.WriteAllBytes(Path.Combine(run, "question", "final_frame.png"), png);
        File.WriteAllText(Path.Combine(run, "question", "prompt.txt"), $"item {i}");
        File.WriteAllBytes(Path.Combine(run, "video", "v.mp4"), video);
    }
    Console.WriteLine(System.FormattableString.Invariant($"made {n} items in {clock.Elapsed.TotalSeconds:F1} s"));
    // Cold frame extraction, for comparison: ffmpeg per video.
    var cold = Stopwatch.StartNew();
    for (int k = 0; k < 20; k++) await FfmpegFrames.LastFrameAsync(mp4, Path.Combine(work, "cold.png"), CancellationToken.None);
    double perVideo = cold.Elapsed.TotalSeconds / 20;

    await using var server = await GapLens.Testing.FakeOpenAiServer.StartAsync();
    var judge = await GapLens.Judging.Judges.OpenAiJudge.CreateAsync(new GapLens.Judging.Judges.OpenAiJudgeOptions(server.BaseUrl), CancellationToken.None);
    var log = new GapLens.IO.Logging.RunLog(TextWriter.Null, GapLens.IO.Logging.LogLevel.Error);
    clock.Restart();
    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    var summary = await GapLens.Judging.Runs.JudgeRunner.RunAsync(judge, new GapLens.Judging.Runs.JudgeRunOptions(Path.Combine(work, "outputs"), Path.Combine(work, "evals"), conc), log, null, null, CancellationToken.None);
    double secs = clock.Elapsed.TotalSeconds;
    double cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
    Console.WriteLine(System.FormattableString.Invariant(
        $"judged {summary.Scored} of {summary.Items} items (failed {summary.Failed}) at concurrency {conc} in {secs:F2} s: {summary.Scored / secs:F0} items/s; CPU {cpu:F1} s ({cpu * 1e6 / summary.Items:F0} us per item, client and test server); peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB"));
    Console.WriteLine(System.FormattableString.Invariant(
        $"cold frame extraction (ffmpeg, one process per video): {perVideo * 1000:F0} ms per video, about {Environment.ProcessorCount / perVideo:F0} videos/s on {Environment.ProcessorCount} cores"));
    Directory.Delete(work, true);
    return 0;
}
// Usage: GapLens.Bench vcn-aoi <inference_dir> <train.yaml> [runs] [min_recall]   (see VcnAoiBench.cs)
if (args.Length >= 3 && args[0] == "vcn-aoi") return await VcnAoiBench.RunAsync(args[1..]);
// Usage: GapLens.Bench video retrieval|pt-read|text-encoder ... (see VideoBench.cs; driven by bench/videoqa_bench.py)
if (args.Length >= 1 && args[0] == "video") return await VideoBench.RunAsync(args[1..]);
// Usage: GapLens.Bench serve [items] [annotators] [seconds] [gaplens.dll]   (see ServeBench.cs)
if (args.Length >= 1 && args[0] == "serve") return await ServeBench.RunAsync(args[1..]);
if (args.Length >= 1 && args[0].StartsWith("perception-", StringComparison.Ordinal)) return GapLens.Bench.PerceptionBench.Run(args);
// Usage: GapLens.Bench slices <table> <outcome> <features|-> [min_support] [runs] | slices-synthetic <rows> <features> <values> [runs] | slices-codes <dir> <features> <values> [runs]   (see SlicesBench.cs)
if (args.Length >= 4 && args[0] is "slices" or "slices-synthetic" or "slices-codes") return await GapLens.Bench.SlicesBench.RunAsync(args);
Console.Error.WriteLine("usage: GapLens.Bench csv-parse <inference.csv> [full|fast] | float-parse <inference.csv> [runs] | sweep <inference.csv> [runs] | vcn-aoi <inference_dir> <train.yaml> [runs] [min_recall] | bootstrap [pairs] [resamples] | judge [items] [concurrency] [workdir] | video ... | videoqa-run [questions] [concurrency] [image-max-side|none] [passes] [cache-MiB] | perception-score|perception-attention ... | serve [items] [annotators] [seconds] [gaplens.dll] | slices ... | slices-synthetic ... | slices-codes ...");
return 2;
