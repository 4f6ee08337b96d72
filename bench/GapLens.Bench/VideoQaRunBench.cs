using System.Diagnostics;
using System.Globalization;
using GapLens.Core.VideoQa;
using GapLens.Endpoints;
using GapLens.IO.Logging;
using GapLens.IO.VideoQa;
using GapLens.Testing;
using GapLens.Video.Agent;
using GapLens.Video.Encoders;
using SkiaSharp;

/// <summary>
/// <c>GapLens.Bench videoqa-run [questions] [concurrency] [image-max-side or "none"] [passes] [cache MiB]</c>: the video-QA
/// client's own cost against the instant local test server (in a process of its own, <c>videoqa-server</c>,
/// so the client's CPU time is its own): every question takes 4 tool rounds of 5 frames (similarity, by id,
/// similarity, by id) and then answers. The frames each round gets are what a similarity search over
/// LVBench-shaped videos returns (<see cref="VideoQaBenchWorld"/>: 15 questions a video, 4,080 frames of
/// 640x360 JPEG each, one a second), re-encoded to the given longest side as `--image-max-side` does.
/// A second pass (passes = 2) runs the same questions again with the same agent, its frame cache warm;
/// cache MiB (default 64, as `videoqa run`) 0 re-encodes every frame every time (the same frame choices without the cache).
/// Prints per pass the wall time, the tool time per round (frames read, decoded, resized, JPEG-encoded,
/// the query embedded), the client process's CPU per round and the server's, the frame cache's hits and
/// the results' size.
/// </summary>
internal static class VideoQaRunBench
{
    private const int Seed = 1, DistinctImages = 600;

    public static async Task<int> RunAsync(string[] args)
    {
        var ic = CultureInfo.InvariantCulture;
        int n = args.Length > 1 ? int.Parse(args[1], ic) : 200;
        int concurrency = args.Length > 2 ? int.Parse(args[2], ic) : 8;
        int? side = args.Length > 3 ? (args[3] == "none" ? null : int.Parse(args[3], ic)) : 448;
        int passes = args.Length > 4 ? int.Parse(args[4], ic) : 1;
        long cacheBytes = args.Length > 5 ? long.Parse(args[5], ic) << 20 : FrameImageLoader.DefaultCacheBytes;
        // The frames' width (16:9): 640 as extracted from a 640x360 video; the --image-max-side value
        // itself for frames extracted with `videoqa prepare --max-side` (sent as they are).
        int frameWidth = args.Length > 6 ? int.Parse(args[6], ic) : 640;
        int frameHeight = frameWidth * 9 / 16;
        const int frames = VideoQaBenchWorld.FramesPerVideo;
        int videos = (n + VideoQaBenchWorld.QuestionsPerVideo - 1) / VideoQaBenchWorld.QuestionsPerVideo;
        string work = Path.Combine(Path.GetTempPath(), "gaplens-videoqa-bench");
        if (Directory.Exists(work)) Directory.Delete(work, true);
        var setup = Stopwatch.StartNew();
        // 600 distinct images; one folder of 4,080 frame files copied from them (regular files: listing a
        // folder of symbolic links costs a stat per entry, which real frame folders do not), and every
        // video's frames folder a link to that folder. Each video's frame paths are its own
        // (frames/v3/frame_10.jpg is not frames/v4/frame_10.jpg to the client: read, decoded, re-encoded and
        // cached apart), while 1,549 questions' worth of videos cost 4,080 files on disk.
        string pool = Path.Combine(work, "pool");
        Directory.CreateDirectory(pool);
        var rng = new Random(Seed);
        for (int f = 0; f < DistinctImages; f++)
        {
            using var surface = SKSurface.Create(new SKImageInfo(frameWidth, frameHeight));
            surface.Canvas.Clear(SKColor.FromHsv(f * 360f / DistinctImages, 60, 80));
            using var paint = new SKPaint { Color = SKColors.White };
            for (int k = 0; k < 40; k++) surface.Canvas.DrawCircle(rng.Next(frameWidth), rng.Next(frameHeight), rng.Next(4, 40) * frameWidth / 640f, paint);
            using var image = surface.Snapshot();
            using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
            File.WriteAllBytes(Path.Combine(pool, $"{f}.jpg"), data.ToArray());
        }
        string shared = Path.Combine(work, "video_frames");
        Directory.CreateDirectory(shared);
        for (int f = 0; f < frames; f++) File.Copy(Path.Combine(pool, $"{f * 7919 % DistinctImages}.jpg"), Path.Combine(shared, $"frame_{f}.jpg"));
        var world = new VideoQaBenchWorld(Seed);
        Directory.CreateDirectory(Path.Combine(work, "embeddings"));
        Directory.CreateDirectory(Path.Combine(work, "frames"));
        string names = "[" + string.Join(",", Enumerable.Range(0, frames).Select(f => $"\"frame_{f}.jpg\"")) + "]";
        for (int v = 0; v < videos; v++)
        {
            Directory.CreateSymbolicLink(Path.Combine(work, "frames", $"v{v}"), shared);
            File.WriteAllBytes(Path.Combine(work, "embeddings", $"v{v}.npy"), VideoQaFixture.Npy(world.Embeddings(v), frames, VideoQaBenchWorld.Dim));
            File.WriteAllText(Path.Combine(work, "embeddings", $"v{v}.json"), names);
        }
        Console.WriteLine(FormattableString.Invariant($"setup: {videos} videos x {frames} frames in {setup.Elapsed.TotalSeconds:F1} s"));

        using var server = Process.Start(new ProcessStartInfo("dotnet") { ArgumentList = { typeof(VideoQaRunBench).Assembly.Location, "videoqa-server" }, RedirectStandardOutput = true, RedirectStandardInput = true })!;
        string baseUrl = (await server.StandardOutput.ReadLineAsync())!;
        using var endpoint = await ModelEndpoint.ConnectAsync(new EndpointOptions(baseUrl) { Model = "fake-vlm-1" }, CancellationToken.None);
        var text = new GeneratorTextEncoder(endpoint.CreateEmbeddingGenerator("fake-embed-1"));
        var agent = new VideoQaAgent(endpoint.CreateChatClient(), text, new AgentOptions(ImageMaxSide: side, ImageCacheBytes: cacheBytes), "fake-vlm-1");
        var items = Enumerable.Range(0, n).Select(i =>
        {
            int moment = world.Moments(i).First;
            var window = new TimeWindow(Math.Max(0, moment - 2), moment + 3);
            return new QaItem($"v{VideoQaBenchWorld.VideoOf(i)}", $"q{i}", $"Question {i}?\n(A) yes\n(B) no", "A", ['A', 'B'],
                ["key information retrieval"], frames, TimeText(window), window, null, $"bench {i}");
        }).ToList();
        var process = Process.GetCurrentProcess();
        double serverBefore = 0;
        for (int pass = 1; pass <= passes; pass++)
        {
            string outDir = Path.Combine(work, $"run{pass}");
            var loader = agent.Images;
            var cache = loader.Cache;
            long hits0 = cache.Hits, misses0 = cache.Misses, fitting0 = loader.AlreadyFitting;
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var summary = await VideoQaRunner.RunAsync(items, agent, "fake-vlm-1", "bench", new VideoQaRunOptions(Path.Combine(work, "frames"), Path.Combine(work, "embeddings"), outDir, concurrency),
                null, new RunLog(TextWriter.Null, LogLevel.Error), null, CancellationToken.None);
            double wall = clock.Elapsed.TotalSeconds;
            process.Refresh();
            double cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
            await server.StandardInput.WriteLineAsync("cpu");
            double serverTotal = double.Parse((await server.StandardOutput.ReadLineAsync())!, ic);
            double serverCpuMs = serverTotal - serverBefore;
            serverBefore = serverTotal;
            var results = VideoQaResultsFile.ReadResults(Path.Combine(outDir, VideoQaResultsFile.ResultsName)).Results;
            long rounds = results.Sum(r => (long)r.Rounds);
            double[] toolPerRound = [.. results.Where(r => r.Rounds > 0).Select(r => r.ToolMs / r.Rounds).Order()];
            long bytes = new FileInfo(Path.Combine(outDir, VideoQaResultsFile.ResultsName)).Length;
            long hits = cache.Hits - hits0, misses = cache.Misses - misses0;
            Console.WriteLine(FormattableString.Invariant(
                $"videoqa run, pass {pass} ({(pass == 1 ? "frame cache empty at the start" : "frame cache as the previous pass left it")}): {summary.Completed} of {n} questions ({summary.Failed} failed), {rounds} rounds of 5 frames ({videos} videos x {frames} {frameWidth}x{frameHeight} JPEG frames, --image-max-side {side?.ToString(ic) ?? "none"}), concurrency {concurrency}, {Environment.ProcessorCount} cores"));
            Console.WriteLine(FormattableString.Invariant(
                $"  wall {wall:F1} s = {rounds / wall:F1} rounds/s; tool time per round (frames read, resized, encoded; query embedded over HTTP) median {Median(toolPerRound):F2} ms, mean {toolPerRound.Average():F2} ms"));
            Console.WriteLine(FormattableString.Invariant(
                $"  CPU per round: client {cpuMs / rounds:F2} ms (its whole process, results and retrieval included), server {serverCpuMs / rounds:F2} ms; results.jsonl {bytes / (double)Math.Max(1, results.Length) / 1024:F1} KiB per question; model calls {results.Sum(r => r.ModelCalls)}"));
            if (side is not null && cache.MaxBytes == 0) Console.WriteLine("  frame cache off: every frame re-encoded every time");
            else if (side is not null)
            {
                Console.WriteLine(FormattableString.Invariant(
                    $"  frame cache: {misses - (loader.AlreadyFitting - fitting0)} of {hits + misses} frames re-encoded, {loader.AlreadyFitting - fitting0} already within {side} px sent as they are ({100.0 * hits / Math.Max(1, hits + misses):F1}% from the cache), {cache.Evictions} dropped so far, {cache.Bytes / 1048576.0:F1} of {cache.MaxBytes / 1048576.0:F0} MiB held"));
            }
            if (summary.Completed != n) return 1;
        }
        server.StandardInput.Close();
        await server.WaitForExitAsync();
        return 0;
    }

    private static string TimeText(TimeWindow w) => FormattableString.Invariant($"{Clock(w.Start)}-{Clock(w.End)}");

    private static string Clock(double s) => TimeSpan.FromSeconds(s).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture);

    /// <summary><c>videoqa-server</c>: the scripted instant server, with the bench's text encoder and the agent's choices
    /// of <see cref="VideoQaBenchWorld"/>; prints its base URL, then its CPU milliseconds so far at each line read, and ends when stdin closes.</summary>
    public static async Task<int> ServeAsync()
    {
        var world = new VideoQaBenchWorld(Seed);
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Embedder = world.Embed;
        server.Responder = VideoQaScript.Responder((question, turns, _) =>
        {
            int at = question.IndexOf("Question ", StringComparison.Ordinal) + 9;
            int q = int.Parse(question[at..question.IndexOf('?', at)], CultureInfo.InvariantCulture);
            int video = VideoQaBenchWorld.VideoOf(q);
            return turns switch
            {
                0 => VideoQaScript.Similarity(VideoQaBenchWorld.QueryText(q, 1)),
                1 => VideoQaScript.ById(VideoQaBenchWorld.Around(world.TopHitId(video, world.Embed(VideoQaBenchWorld.QueryText(q, 1))))),
                2 => VideoQaScript.Similarity(VideoQaBenchWorld.QueryText(q, 3)),
                3 => VideoQaScript.ById(VideoQaBenchWorld.Around(world.TopHitId(video, world.Embed(VideoQaBenchWorld.QueryText(q, 3))))),
                _ => VideoQaScript.Answer("A"),
            };
        });
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        Console.WriteLine(server.BaseUrl);
        while (await Console.In.ReadLineAsync() is not null)
        {
            process.Refresh();
            Console.WriteLine((process.TotalProcessorTime - cpu).TotalMilliseconds.ToString("R", CultureInfo.InvariantCulture));
        }
        return 0;
    }

    private static double Median(double[] sorted) => sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

}
