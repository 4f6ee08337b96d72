using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using GapLens.Perception.Annotations;
using GapLens.Perception.Answers;
using GapLens.Perception.Attention;
using GapLens.Perception.Scoring;

namespace GapLens.Bench;

/// <summary>
/// Attention metrics at scale, in memory: N questions (3 per video, 20 s videos at 30 fps with 16
/// tracked objects annotated once a second) x F map frames x side x side cells x L layers. The maps
/// come from a pool of 512 random tensors (so generating them is not timed) handed out per question.
/// Times AttentionAnalyzer.Analyze end to end (all cores) after a warm-up on 500 questions.
/// </summary>
internal static class PerceptionAttentionBench
{
    private sealed class PooledMaps(ImmutableArray<AttentionMapKey> keys, float[][] pool, int side, int layers, ImmutableArray<int>[] frameIds) : IAttentionMapSource
    {
        public IReadOnlyList<AttentionMapKey> Keys => keys;

        public AttentionMap Load(AttentionMapKey key)
        {
            int i = int.Parse(key.VideoId.AsSpan(6), CultureInfo.InvariantCulture) * 3 + key.QuestionId;
            return new AttentionMap(key, frameIds[i % frameIds.Length], layers, 1, side, side, pool[i % pool.Length],
                [.. Enumerable.Range(0, layers).Select(l => l.ToString(CultureInfo.InvariantCulture))], ["0"]);
        }
    }

    /// <param name="filesDir">When set, the maps are also written there as .npy + JSON sidecars
    /// (once) and the analysis is timed again reading them through AttentionMapFolder.</param>
    public static int Run(int questions, int frames, int side, int layers, int runs, string? filesDir = null, bool meanSlices = true)
    {
        var options = new AttentionOptions { MeanSlices = meanSlices };
        var rng = new Random(11);
        int videos = (questions + 2) / 3;
        var list = ImmutableArray.CreateBuilder<PerceptionVideo>(videos);
        var answers = ImmutableArray.CreateBuilder<McAnswer>();
        for (int v = 0; v < videos; v++)
        {
            var objects = ImmutableArray.CreateBuilder<ObjectTrack>();
            for (int o = 0; o < 16; o++)
            {
                int start = rng.Next(0, 8), stop = rng.Next(start + 4, 21);
                var ids = Enumerable.Range(start, stop - start).Select(s => s * 30).ToImmutableArray();
                double w = 0.05 + rng.NextDouble() * 0.3, h = 0.05 + rng.NextDouble() * 0.3, x = rng.NextDouble() * (1 - w), y = rng.NextDouble() * (1 - h);
                objects.Add(new ObjectTrack(o, $"object {o}", false, ids, [.. ids.Select(_ => new NormalizedBox(x, y, x + w, y + h))]));
            }
            int n = Math.Min(3, questions - v * 3);
            var qs = Enumerable.Range(0, n).Select(q => new McQuestion(q, $"Task {(v * 3 + q) % 132}?", ["a", "b", "c"], rng.Next(3), null, "descriptive", ["motion"])).ToImmutableArray();
            list.Add(new PerceptionVideo($"video_{v}", new VideoMetadata("valid", 30, 600, 720, 1280), qs, objects.ToImmutable()));
            foreach (var q in qs)
            {
                int pick = rng.NextDouble() < 0.6 ? q.AnswerId!.Value : rng.Next(3);
                answers.Add(new McAnswer($"video_{v}", q.Index, pick, q.Options[pick]));
            }
        }
        var ann = new PerceptionAnnotations("generated", list.MoveToImmutable());
        var scores = McScorer.Score(ann, new AnswerSet("generated", answers.ToImmutable()));
        var pool = new float[512][];
        for (int p = 0; p < pool.Length; p++)
        {
            pool[p] = new float[layers * frames * side * side];
            for (int i = 0; i < pool[p].Length; i++) pool[p][i] = (float)(-Math.Log(1 - rng.NextDouble()));
        }
        var frameIds = Enumerable.Range(0, 64).Select(_ => Enumerable.Range(0, frames).Select(f => f * 600 / frames + rng.Next(0, 600 / frames)).ToImmutableArray()).ToArray();
        var keys = ann.Videos.SelectMany(v => v.Questions.Select(q => new AttentionMapKey(v.VideoId, q.Index))).ToImmutableArray();
        var source = new PooledMaps(keys, pool, side, layers, frameIds);
        AttentionAnalyzer.Analyze(ann, new PooledMaps(keys[..500], pool, side, layers, frameIds), scores, options);
        var times = new List<double>();
        var cpu = new List<double>();
        AttentionResult? r = null;
        for (int run = 0; run < runs; run++)
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            r = AttentionAnalyzer.Analyze(ann, source, scores, options);
            times.Add(clock.Elapsed.TotalSeconds);
            cpu.Add((Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
        }
        times.Sort();
        cpu.Sort();
        long frameSlices = r!.Diagnostics.FramesScored * r.Slices.Length;
        if (filesDir is not null) Files(ann, source, scores, filesDir, runs, options);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"perception-attention: {questions} questions x {frames} frames x {side}x{side} x {layers} layers ({r.Slices.Length} slices{(meanSlices ? ", with the mean of the layers" : "")}) on {Environment.ProcessorCount} cores: best {times[0]:F3} s, median {times[times.Count / 2]:F3} s of {runs}; {r.Diagnostics.FramesScored} frames scored, {frameSlices / times[0] / 1e6:F2} M frame-slices/s; CPU time best {cpu[0]:F3} s (wall x cores used); peak RSS {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:F0} MiB"));
        return 0;
    }

    private static void Files(PerceptionAnnotations ann, PooledMaps source, McScoreResult scores, string dir, int runs, AttentionOptions options)
    {
        if (!File.Exists(Path.Combine(dir, "complete")))
        {
            foreach (var key in source.Keys)
            {
                var m = source.Load(key);
                string folder = Path.Combine(dir, key.VideoId);
                Directory.CreateDirectory(folder);
                string stem = Path.Combine(folder, key.QuestionId.ToString(CultureInfo.InvariantCulture));
                WriteNpy(stem + ".npy", [m.Layers, m.Frames, m.Height, m.Width], m.Values.Span);
                File.WriteAllText(stem + ".json", "{\"frame_ids\": [" + string.Join(", ", m.FrameIds) + "]}");
            }
            File.WriteAllText(Path.Combine(dir, "complete"), "");
        }
        var times = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var r = AttentionAnalyzer.Analyze(ann, new AttentionMapFolder(dir), scores, options);
            times.Add(clock.Elapsed.TotalSeconds);
            if (run == 0) Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  from files: {r.Diagnostics.MapsScored} maps"));
        }
        times.Sort();
        long bytes = Directory.EnumerateFiles(dir, "*.npy", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"perception-attention from .npy files ({bytes / 1e6:F0} MB in {dir}): best {times[0]:F3} s, median {times[times.Count / 2]:F3} s of {runs} (page cache warm)"));
    }

    private static void WriteNpy(string path, int[] shape, ReadOnlySpan<float> values)
    {
        string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + string.Join(", ", shape) + "), }";
        header += new string(' ', (64 - (10 + header.Length + 1) % 64) % 64) + "\n";
        using var fs = File.Create(path);
        fs.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0]);
        fs.Write(BitConverter.GetBytes((ushort)header.Length));
        fs.Write(System.Text.Encoding.Latin1.GetBytes(header));
        fs.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
    }
}
