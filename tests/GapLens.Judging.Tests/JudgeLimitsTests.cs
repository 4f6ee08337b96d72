using GapLens.IO.Logging;
using GapLens.Judging.Folders;
using GapLens.Judging.Judges;
using GapLens.Judging.Runs;
using GapLens.Testing;

namespace GapLens.Judging.Tests;

/// <summary>Inputs that would hang the judge or take gigabytes of memory fail their item instead.</summary>
public sealed class JudgeLimitsTests : TempDirTest
{
    private string Item(string video)
    {
        string run = Dir.Combine("outputs", "exp", "m", "maze_task", "maze_0000");
        Directory.CreateDirectory(Path.Combine(run, "video"));
        LargePng.Write(Path.Combine(run, "question", "first_frame.png"), 16, 16);
        LargePng.Write(Path.Combine(run, "question", "final_frame.png"), 16, 16);
        string mp4 = Path.Combine(run, "video", "a.mp4");
        File.CreateSymbolicLink(mp4, video);
        return mp4;
    }

    [Fact]
    public async Task AVideoLinkedToDevZeroFailsItsItemInsteadOfHangingTheJudge()
    {
        string mp4 = Item("/dev/zero");
        var summary = await JudgeRunner.RunAsync(new PixelJudge(), new JudgeRunOptions(Dir.Combine("outputs"), Dir.Combine("evals"), 1), new RunLog(TextWriter.Null, LogLevel.Error), null, null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal((1, 1), (summary.Items, summary.Failed));
        var score = ScoreFiles.Read(Dir.Combine("evals", "pixel-eval", "exp", "m", "maze_task", "maze_0000", "pixel-eval.json"));
        Assert.Equal($"cannot read a frame of {mp4}: {mp4} is empty or not a regular file", score.Error);
    }

    [Fact]
    public async Task AFrameOverThePixelLimitFailsTheItemWithoutBeingDecoded()
    {
        string big = LargePng.Write(Dir.Combine("big.png"), 30000, 30000);
        string small = LargePng.Write(Dir.Combine("small.png"), 16, 16);
        var outcome = await new PixelJudge().JudgeAsync(new JudgeInput("maze_task", "p", big, small, small, null), CancellationToken.None);
        Assert.Null(outcome.Score);
        Assert.Equal($"image {big} is 30000x30000 pixels (900 megapixels), over the 100 megapixel limit for one image; raise it with the environment variable GAPLENS_MAX_IMAGE_PIXELS if it is meant to be decoded", outcome.Failure);
    }
}
