using GapLens.IO.Logging;
using GapLens.IO.Media;
using GapLens.Judging.Folders;
using GapLens.Judging.Judges;
using GapLens.Judging.Runs;
using GapLens.Testing;
using SkiaSharp;

namespace GapLens.Judging.Tests;

/// <summary>A real judge run over a small VMEvalKit tree with mp4s made by ffmpeg (installed by test.sh).</summary>
public sealed class JudgeRunTests : TempDirTest
{
    private static void Frame(string path, int dotX)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var surface = SKSurface.Create(new SKImageInfo(64, 64));
        surface.Canvas.Clear(SKColors.White);
        using var paint = new SKPaint { Color = SKColors.Red };
        surface.Canvas.DrawRect(dotX, 28, 8, 8, paint);
        using var img = surface.Snapshot();
        using var data = img.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, data.ToArray());
    }

    private async Task Item(string model, string task, int endX, bool gt = true, bool broken = false)
    {
        string run = Dir.Combine("outputs", "exp", model, "maze_task", task, "run_1");
        Frame(Path.Combine(run, "question", "first_frame.png"), 4);
        if (gt) Frame(Path.Combine(run, "question", "final_frame.png"), 52);
        File.WriteAllText(Path.Combine(run, "question", "prompt.txt"), "move the dot right");
        Directory.CreateDirectory(Path.Combine(run, "video"));
        string mp4 = Path.Combine(run, "video", $"{task}.mp4");
        if (broken)
        {
            File.WriteAllText(mp4, "not a video");
            return;
        }
        string frames = Dir.Combine("frames", model, task);
        for (int k = 0; k <= 6; k++) Frame(Path.Combine(frames, $"f{k:00}.png"), 4 + (endX - 4) * k / 6);
        await FfmpegFrames.WriteVideoAsync(Path.Combine(frames, "f%02d.png"), mp4, 6, CancellationToken.None);
    }

    private Task<JudgeRunSummary> Run() =>
        JudgeRunner.RunAsync(new PixelJudge(), new JudgeRunOptions(Dir.Combine("outputs"), Dir.Combine("evals"), 2), new RunLog(TextWriter.Null, LogLevel.Error), null, null, CancellationToken.None);

    private ScoreRecord Score(string model, string task) => ScoreFiles.Read(Dir.Combine("evals", "pixel-eval", "exp", model, "maze_task", task, "pixel-eval.json"));

    [Fact]
    public async Task JudgesResumesSkipsAndRecordsFailuresNeverAsScores()
    {
        await Item("good", "maze_0000", 52);
        await Item("half", "maze_0000", 28);
        await Item("nogt", "maze_0000", 52, gt: false);
        await Item("broken", "maze_0000", 52, broken: true);
        var first = await Run();
        Assert.Equal((4, 2, 0, 1, 1), (first.Items, first.Scored, first.AlreadyDone, first.Skipped, first.Failed));
        Assert.Equal(5, Score("good", "maze_0000").Score);
        Assert.InRange(Score("half", "maze_0000").Score!.Value, 1, 3);
        var skipped = Score("nogt", "maze_0000");
        Assert.Equal((ScoreStatus.Skipped, (int?)null), (skipped.Status, skipped.Score));
        Assert.Equal("No ground truth final frame available", skipped.Error);
        var failed = Score("broken", "maze_0000");
        Assert.Equal((ScoreStatus.Failed, (int?)null), (failed.Status, failed.Score));
        Assert.Contains("cannot read a frame", failed.Error, StringComparison.Ordinal);

        // Resume: completed items are not judged again; the skipped one is re-checked and judged
        // once its ground truth appears; the failed one is retried (and fails again).
        var before = File.GetLastWriteTimeUtc(Dir.Combine("evals", "pixel-eval", "exp", "good", "maze_task", "maze_0000", "pixel-eval.json"));
        Frame(Dir.Combine("outputs", "exp", "nogt", "maze_task", "maze_0000", "run_1", "question", "final_frame.png"), 52);
        var second = await Run();
        Assert.Equal((2, 1, 0, 1), (second.AlreadyDone, second.Scored, second.Skipped, second.Failed));
        Assert.Equal(before, File.GetLastWriteTimeUtc(Dir.Combine("evals", "pixel-eval", "exp", "good", "maze_task", "maze_0000", "pixel-eval.json")));
        Assert.Equal(5, Score("nogt", "maze_0000").Score);
        Assert.DoesNotContain(Directory.EnumerateFiles(Dir.Combine("evals"), "*", SearchOption.AllDirectories), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void NewestRunDirAndTheFlatLayoutAreBothRead()
    {
        string task = Dir.Combine("outputs", "exp", "m", "chess_task", "chess_0001");
        Directory.CreateDirectory(Path.Combine(task, "old", "video"));
        Directory.CreateDirectory(Path.Combine(task, "new", "video"));
        Directory.SetLastWriteTimeUtc(Path.Combine(task, "old"), DateTime.UtcNow.AddDays(-1));
        string flat = Dir.Combine("outputs", "exp", "m", "chess_task", "chess_0002");
        Directory.CreateDirectory(Path.Combine(flat, "video"));
        var items = VmOutputs.Scan(Dir.Combine("outputs"));
        Assert.Equal(2, items.Count);
        Assert.EndsWith("new", items[0].RunDir, StringComparison.Ordinal);
        Assert.Equal(flat, items[1].RunDir);
        Assert.Equal("chess", items[0].Domain);
    }

    /// <summary>Scores each frame by its index in the voted set: frame_00 -> scores[0], ...</summary>
    private sealed class ScriptedJudge(params int[] scores) : IJudge
    {
        public string EvaluatorDir => "scripted-eval";

        public IReadOnlyDictionary<string, string> Identity { get; } = new Dictionary<string, string> { ["judge"] = "scripted" };

        public int Calls;

        public Task<JudgeOutcome> JudgeAsync(JudgeInput input, CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            int k = int.Parse(Path.GetFileNameWithoutExtension(input.LastFramePng)[6..], System.Globalization.CultureInfo.InvariantCulture);
            return Task.FromResult(scores[k] == 0 ? JudgeOutcome.Failed("scripted failure", "raw") : JudgeOutcome.Scored(scores[k], $"frame {k}"));
        }
    }

    [Theory]
    [InlineData(new[] { 5, 4, 5 }, 5, false)]
    [InlineData(new[] { 5, 3, 1 }, 3, true)]
    [InlineData(new[] { 4, 0, 4 }, 4, true)]
    public async Task MultiFrameModeVotesAndFlagsLowAgreementForReview(int[] frameScores, int vote, bool review)
    {
        await Item("m", "maze_0000", 52);
        var judge = new ScriptedJudge(frameScores);
        var summary = await JudgeRunner.RunAsync(judge, new JudgeRunOptions(Dir.Combine("outputs"), Dir.Combine("evals"), 1, VoteFrames: 3, VoteSeconds: 1.0),
            new RunLog(TextWriter.Null, LogLevel.Error), null, null, CancellationToken.None);
        Assert.Equal(1, summary.Scored);
        var rec = ScoreFiles.Read(Dir.Combine("evals", "scripted-eval", "exp", "m", "maze_task", "maze_0000", "scripted-eval.json"));
        Assert.Equal(vote, rec.Score);
        Assert.Equal(review, rec.NeedsReview);
        Assert.Equal(frameScores.Where(s => s > 0).ToArray(), rec.FrameScores!.ToArray());
        Assert.Equal(3, judge.Calls);
    }

    [Fact]
    public async Task FramesAreDecodedOncePerVideoContent()
    {
        await Item("a", "maze_0000", 52);
        Directory.CreateDirectory(Dir.Combine("outputs", "exp", "b"));
        CopyDir(Dir.Combine("outputs", "exp", "a"), Dir.Combine("outputs", "exp", "b"));
        await Run();
        Assert.Single(Directory.GetDirectories(Dir.Combine("evals", "_frames")));
    }

    private static void CopyDir(string from, string to)
    {
        foreach (string d in Directory.GetDirectories(from, "*", SearchOption.AllDirectories)) Directory.CreateDirectory(d.Replace(from, to, StringComparison.Ordinal));
        foreach (string f in Directory.GetFiles(from, "*", SearchOption.AllDirectories)) File.Copy(f, f.Replace(from, to, StringComparison.Ordinal));
    }
}
