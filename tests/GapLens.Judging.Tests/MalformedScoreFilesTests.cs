using System.Text;
using GapLens.Core;
using GapLens.IO.Logging;
using GapLens.Judging.Folders;
using GapLens.Judging.Judges;
using GapLens.Judging.Runs;
using GapLens.Testing;

namespace GapLens.Judging.Tests;

/// <summary>Score files that are not text, hold a string that is not text or a frame score that is not
/// an integer: counted apart with the file named (never a crash that every later resume repeats).</summary>
public sealed class MalformedScoreFilesTests : TempDirTest
{
    private const string Good = """{"metadata": {"evaluator": "pixel-eval"}, "result": {"solution_correctness_score": 4, "status": "completed"}}""";

    public static TheoryData<string, byte[], string> Malformed => new()
    {
        { "invalid UTF-8", [.. Encoding.UTF8.GetBytes("""{"metadata": {"annotator": "A"""), 0xFF, .. Encoding.UTF8.GetBytes("""na"}, "result": {"solution_correctness_score": 4}}""")], "not UTF-8 (byte 0xFF at offset 29)" },
        { "lone surrogate", Encoding.UTF8.GetBytes("""{"metadata": {"model_name": "m\ud800"}, "result": {"solution_correctness_score": 4}}"""), "a string holds an escape that is not text (a lone surrogate such as \\ud800)" },
        { "lone surrogate in the explanation", Encoding.UTF8.GetBytes("""{"result": {"solution_correctness_score": 4, "explanation": "\udfff"}}"""), "a string holds an escape that is not text" },
        { "fractional frame score", Encoding.UTF8.GetBytes("""{"result": {"solution_correctness_score": 4, "frame_scores": [4.5], "status": "completed"}}"""), "frame_scores must be integers 1-5, got 4.5" },
        { "frame score out of range", Encoding.UTF8.GetBytes("""{"result": {"solution_correctness_score": 4, "frame_scores": [4, 7]}}"""), "frame_scores must be integers 1-5, got 7" },
        { "frame score as text", Encoding.UTF8.GetBytes("""{"result": {"solution_correctness_score": 4, "frame_scores": ["4"]}}"""), "frame_scores must be integers 1-5, got \"4\"" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void AMalformedFileIsAUserErrorNamingItAndTheProblem(string what, byte[] content, string problem)
    {
        string p = Dir.Combine("e", "m", "t_task", "t_0", "human-eval.json");
        Directory.CreateDirectory(Path.GetDirectoryName(p)!);
        File.WriteAllBytes(p, content);
        var ex = Assert.Throws<UserInputException>(() => ScoreFiles.Read(p));
        Assert.True(ex.Message == $"{p}: {problem}" || ex.Message.StartsWith($"{p}: {problem}", StringComparison.Ordinal), $"{what}: {ex.Message}");
    }

    [Fact]
    public void ReadAllCountsThemApartAndKeepsTheGoodOnes()
    {
        int i = 0;
        foreach (var row in Malformed)
        {
            string p = Dir.Combine("evals", "e", "m", "t_task", $"bad_{i++}", "x.json");
            Directory.CreateDirectory(Path.GetDirectoryName(p)!);
            File.WriteAllBytes(p, (byte[])row[1]);
        }
        Dir.File(Path.Combine("evals", "e", "m", "t_task", "good", "x.json"), Good);
        string zero = Dir.Combine("evals", "e", "m", "t_task", "zero", "x.json");
        Directory.CreateDirectory(Path.GetDirectoryName(zero)!);
        File.CreateSymbolicLink(zero, "/dev/zero");
        var (records, bad) = ScoreFiles.ReadAll(Dir.Combine("evals"));
        Assert.Equal("good", Assert.Single(records).TaskId);
        Assert.Equal(Malformed.Count() + 1, bad.Count);
        Assert.Contains(bad, b => b.File == zero && b.Problem.StartsWith($"score file {zero} is larger than 64 MiB, the limit for one record", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JudgeResumeWarnsNamingTheFileAndJudgesTheItemAgain()
    {
        string run = Dir.Combine("outputs", "exp", "m", "maze_task", "maze_0000");
        Directory.CreateDirectory(Path.Combine(run, "video"));
        File.WriteAllText(Path.Combine(run, "video", "a.mp4"), "not a video");
        Dir.File(Path.Combine(run, "question", "first_frame.png"), "x");
        Dir.File(Path.Combine(run, "question", "final_frame.png"), "x");
        string score = Dir.Combine("evals", "pixel-eval", "exp", "m", "maze_task", "maze_0000", "pixel-eval.json");
        Directory.CreateDirectory(Path.GetDirectoryName(score)!);
        File.WriteAllBytes(score, Encoding.UTF8.GetBytes("""{"result": {"solution_correctness_score": 4, "frame_scores": [4.5], "status": "completed"}}"""));
        var log = new StringWriter();
        var summary = await JudgeRunner.RunAsync(new PixelJudge(), new JudgeRunOptions(Dir.Combine("outputs"), Dir.Combine("evals"), 1), new RunLog(log, LogLevel.Warning), null, null, CancellationToken.None);
        Assert.Equal((1, 0, 1), (summary.Items, summary.AlreadyDone, summary.Failed));
        Assert.Contains($"Unreadable earlier score file, judging the item again: {score}: frame_scores must be integers 1-5, got 4.5", log.ToString(), StringComparison.Ordinal);
        Assert.Equal(ScoreStatus.Failed, ScoreFiles.Read(score).Status); // rewritten, readable again
    }
}
