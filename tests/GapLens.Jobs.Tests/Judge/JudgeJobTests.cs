using System.Text.Json;
using GapLens.Core;
using GapLens.IO.Logging;
using GapLens.IO.Media;
using GapLens.Jobs.Judge;
using GapLens.Testing;
using SkiaSharp;

namespace GapLens.Jobs.Tests.Judge;

/// <summary>The judge job: its run record (written when it starts and again when it ends, with the
/// judge's identity) and its gate (a run where every attempted item failed is never a pass).</summary>
public sealed class JudgeJobTests : TempDirTest
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

    private async Task Item(string task, bool video)
    {
        string run = Dir.Combine("outputs", "exp", "m", "maze_task", task, "run_1");
        Frame(Path.Combine(run, "question", "first_frame.png"), 4);
        Frame(Path.Combine(run, "question", "final_frame.png"), 52);
        File.WriteAllText(Path.Combine(run, "question", "prompt.txt"), "move the dot right");
        Directory.CreateDirectory(Path.Combine(run, "video"));
        if (!video) return;
        string frames = Dir.Combine("frames", task);
        for (int k = 0; k <= 3; k++) Frame(Path.Combine(frames, $"f{k}.png"), 4 + 16 * k);
        await FfmpegFrames.WriteVideoAsync(Path.Combine(frames, "f%d.png"), Path.Combine(run, "video", "v.mp4"), 3, CancellationToken.None);
    }

    private Task<JobOutcome> Run() =>
        new JudgeJob().RunAsync(new JudgeOptions(Dir.Combine("outputs"), Dir.Combine("evals"), "pixel", 2), JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path, "judge"), CancellationToken.None);

    private JsonElement RunRecord()
    {
        string file = Directory.GetFiles(Dir.Combine("evals", "pixel-eval", "_runs")).Single();
        using var doc = JsonDocument.Parse(File.ReadAllBytes(file));
        return doc.RootElement.Clone();
    }

    [Fact]
    public async Task ARunWhereEveryAttemptedItemFailedIsAFailedGateNotAPass()
    {
        await Item("maze_0000", video: false);
        await Item("maze_0001", video: false);
        var outcome = await Run();
        Assert.False(outcome.Passed);
        Assert.StartsWith("every attempted item failed (2 of 2)", outcome.GateMessage, StringComparison.Ordinal);
        var record = RunRecord();
        Assert.Equal("gate_failed", record.GetProperty("outcome").GetProperty("status").GetString());
        Assert.Equal(1, record.GetProperty("outcome").GetProperty("exit_code").GetInt32());
    }

    [Fact]
    public async Task APassingRunRecordsTheJudgeAndTheInputs()
    {
        await Item("maze_0000", video: true);
        await Item("maze_0001", video: false);
        var outcome = await Run();
        Assert.True(outcome.Passed);
        Assert.Equal("2 items: 1 scored, 0 already done, 0 skipped, 1 failed", outcome.Headline);
        var record = RunRecord();
        Assert.Equal("passed", record.GetProperty("outcome").GetProperty("status").GetString());
        Assert.Equal("pixel", record.GetProperty("judge").GetProperty("judge").GetString());
        var input = record.GetProperty("inputs")[0];
        Assert.Equal(("folder", Dir.Combine("outputs")), (input.GetProperty("kind").GetString(), input.GetProperty("path").GetString()));
        Assert.True(input.GetProperty("files").GetInt32() >= 7);
        // A rerun resumes: nothing new is judged, the one failure is retried, and a second record is written.
        var again = await Run();
        Assert.Equal("2 items: 0 scored, 1 already done, 0 skipped, 1 failed", again.Headline);
        Assert.False(again.Passed);
        Assert.Equal(2, Directory.GetFiles(Dir.Combine("evals", "pixel-eval", "_runs")).Length);
    }

    [Fact]
    public async Task TheEvaluatorFolderOpensOnAFrontPageLinkingItsScoreFilesAndThisRunsRecord()
    {
        await Item("maze_0000", video: true);
        await Item("maze_0001", video: false);
        await Run();
        string index = Dir.Combine("evals", "pixel-eval", "index.html");
        Assert.True(File.Exists(index));
        string html = File.ReadAllText(index);
        string record = Path.GetFileName(Directory.GetFiles(Dir.Combine("evals", "pixel-eval", "_runs")).Single());
        Assert.Contains($"href=\"_runs/{record}\"", html, StringComparison.Ordinal);
        Assert.Contains("_runs/ (1 file)", html, StringComparison.Ordinal);
        Assert.Contains("2 items: 1 scored, 0 already done, 0 skipped, 1 failed", html, StringComparison.Ordinal);
        Assert.Contains("Score files of exp/", html, StringComparison.Ordinal);
        Assert.Contains("judge: judge</th><td class=\"mono\">pixel<", html, StringComparison.Ordinal);
        await GapLens.Jobs.Tests.Browser.ReportBrowser.OpenAsync(index, "judge_index");
    }

    [Theory]
    [InlineData(0, 120.0, 5, 1, 1.0, "--concurrency must be an integer in [1, 256], got 0")]
    [InlineData(2, -1.0, 5, 1, 1.0, "--timeout must be a number in (0, 3600], got -1")]
    [InlineData(2, double.NaN, 5, 1, 1.0, "--timeout must be a number in (0, 3600], got NaN")]
    [InlineData(2, 1e308, 5, 1, 1.0, "--timeout must be a number in (0, 3600], got 1E+308")]
    [InlineData(2, 120.0, -1, 1, 1.0, "--retries must be an integer in [0, 20], got -1")]
    [InlineData(2, 120.0, 5, 0, 1.0, "--vote-frames must be an integer in [1, 60], got 0")]
    [InlineData(2, 120.0, 5, 3, 0.0, "--vote-seconds must be a number in (0, 600], got 0")]
    public async Task OptionsOutOfRangeAreOneLineUserErrors(int concurrency, double timeout, int retries, int voteFrames, double voteSeconds, string message)
    {
        var o = new JudgeOptions("outputs", "evals", "pixel", concurrency, TimeoutSeconds: timeout, Retries: retries, VoteFrames: voteFrames, VoteSeconds: voteSeconds);
        var ex = await Assert.ThrowsAsync<UserInputException>(() => new JudgeJob().RunAsync(o, JobContext.Create(new RunLog(TextWriter.Null, LogLevel.Error), Dir.Path), CancellationToken.None));
        Assert.Equal(message, ex.Message);
    }
}
