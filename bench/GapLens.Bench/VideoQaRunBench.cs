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
/// <c>GapLens.Bench videoqa-run [questions] [concurrency] [image-max-side]</c>: the video-QA client's own
/// cost against the instant local test server (in a process of its own, <c>videoqa-server</c>, so the
/// client's CPU time is its own): every question takes 4 tool rounds of 5
/// frames (similarity, by id, similarity, by id) and then answers. Frames are 640x360 JPEGs, re-encoded
/// to the given longest side as `--image-max-side` does. Prints the wall time, the tool time per round
/// (frames read, decoded, resized, JPEG-encoded, the query embedded), the client process's CPU per
/// round and the server's, and the results' size.
/// </summary>
internal static class VideoQaRunBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var ic = CultureInfo.InvariantCulture;
        int n = args.Length > 1 ? int.Parse(args[1], ic) : 200;
        int concurrency = args.Length > 2 ? int.Parse(args[2], ic) : 8;
        int side = args.Length > 3 ? int.Parse(args[3], ic) : 448;
        const int videos = 4, frames = 600;
        string work = Path.Combine(Path.GetTempPath(), "gaplens-videoqa-bench");
        if (Directory.Exists(work)) Directory.Delete(work, true);
        var rng = new Random(1);
        for (int v = 0; v < videos; v++)
        {
            string dir = Path.Combine(work, "frames", $"v{v}");
            Directory.CreateDirectory(dir);
            var rows = new float[frames * 3];
            for (int f = 0; f < frames; f++)
            {
                using var surface = SKSurface.Create(new SKImageInfo(640, 360));
                surface.Canvas.Clear(SKColor.FromHsv(f * 360f / frames, 60, 80));
                using var paint = new SKPaint { Color = SKColors.White };
                for (int k = 0; k < 40; k++) surface.Canvas.DrawCircle(rng.Next(640), rng.Next(360), rng.Next(4, 40), paint);
                using var image = surface.Snapshot();
                using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
                File.WriteAllBytes(Path.Combine(dir, $"frame_{f}.jpg"), data.ToArray());
                rows[f * 3] = (float)rng.NextDouble();
                rows[f * 3 + 1] = (float)rng.NextDouble();
                rows[f * 3 + 2] = (float)rng.NextDouble() + 0.1f;
            }
            Directory.CreateDirectory(Path.Combine(work, "embeddings"));
            File.WriteAllBytes(Path.Combine(work, "embeddings", $"v{v}.npy"), VideoQaFixture.Npy(rows, frames, 3));
            File.WriteAllText(Path.Combine(work, "embeddings", $"v{v}.json"), "[" + string.Join(",", Enumerable.Range(0, frames).Select(f => $"\"frame_{f}.jpg\"")) + "]");
        }

        using var server = Process.Start(new ProcessStartInfo("dotnet") { ArgumentList = { typeof(VideoQaRunBench).Assembly.Location, "videoqa-server" }, RedirectStandardOutput = true, RedirectStandardInput = true })!;
        string baseUrl = (await server.StandardOutput.ReadLineAsync())!;
        using var endpoint = await ModelEndpoint.ConnectAsync(new EndpointOptions(baseUrl) { Model = "fake-vlm-1" }, CancellationToken.None);
        var text = new GeneratorTextEncoder(endpoint.CreateEmbeddingGenerator("fake-embed-1"));
        var agent = new VideoQaAgent(endpoint.CreateChatClient(), text, new AgentOptions(ImageMaxSide: side), "fake-vlm-1");
        var items = Enumerable.Range(0, n).Select(i => new QaItem($"v{i % videos}", $"q{i}", $"Question {i}?\n(A) yes\n(B) no", "A", ['A', 'B'],
            ["key information retrieval"], frames, "00:00:10-00:00:14", new TimeWindow(10, 14), null, $"bench {i}")).ToList();
        string outDir = Path.Combine(work, "run");
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var summary = await VideoQaRunner.RunAsync(items, agent, "fake-vlm-1", "bench", new VideoQaRunOptions(Path.Combine(work, "frames"), Path.Combine(work, "embeddings"), outDir, concurrency),
            null, new RunLog(TextWriter.Null, LogLevel.Error), null, CancellationToken.None);
        double wall = clock.Elapsed.TotalSeconds;
        process.Refresh();
        double cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        server.StandardInput.Close();
        double serverCpuMs = double.Parse((await server.StandardOutput.ReadLineAsync())!, ic);
        await server.WaitForExitAsync();
        var results = VideoQaResultsFile.ReadResults(Path.Combine(outDir, VideoQaResultsFile.ResultsName)).Results;
        long rounds = results.Sum(r => (long)r.Rounds);
        double[] toolPerRound = [.. results.Where(r => r.Rounds > 0).Select(r => r.ToolMs / r.Rounds).Order()];
        long bytes = new FileInfo(Path.Combine(outDir, VideoQaResultsFile.ResultsName)).Length;
        Console.WriteLine(FormattableString.Invariant(
            $"videoqa run: {summary.Completed} of {n} questions ({summary.Failed} failed), {rounds} rounds of 5 frames ({frames} 640x360 JPEG frames x {videos} videos, --image-max-side {side}), concurrency {concurrency}, {Environment.ProcessorCount} cores"));
        Console.WriteLine(FormattableString.Invariant(
            $"  wall {wall:F1} s = {rounds / wall:F1} rounds/s; tool time per round (frames read, resized, encoded; query embedded over HTTP) median {Median(toolPerRound):F2} ms, mean {toolPerRound.Average():F2} ms"));
        Console.WriteLine(FormattableString.Invariant(
            $"  CPU per round: client {cpuMs / rounds:F2} ms (its whole process, results and retrieval included), server {serverCpuMs / rounds:F2} ms; results.jsonl {bytes / (double)Math.Max(1, results.Length) / 1024:F1} KiB per question; model calls {results.Sum(r => r.ModelCalls)}"));
        return summary.Completed == n ? 0 : 1;
    }

    /// <summary><c>videoqa-server</c>: the scripted instant server; prints its base URL, then its CPU milliseconds when stdin closes.</summary>
    public static async Task<int> ServeAsync()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = VideoQaScript.Responder((_, turns, _) => turns switch
        {
            0 => VideoQaScript.Similarity("a white ball on a coloured field"),
            1 => VideoQaScript.ById(10, 11, 12, 13, 14),
            2 => VideoQaScript.Similarity("many circles"),
            3 => VideoQaScript.ById(300, 301, 302, 303, 304),
            _ => VideoQaScript.Answer("A"),
        });
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        Console.WriteLine(server.BaseUrl);
        await Console.In.ReadToEndAsync();
        Console.WriteLine((Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds.ToString("R", CultureInfo.InvariantCulture));
        return 0;
    }

    private static double Median(double[] sorted) => sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;

}
