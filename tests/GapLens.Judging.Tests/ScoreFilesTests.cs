using GapLens.Core;
using GapLens.Judging.Folders;
using GapLens.Testing;

namespace GapLens.Judging.Tests;

public sealed class ScoreFilesTests : TempDirTest
{
    [Fact]
    public void WrittenFilesReadBackWithVmEvalKitKeys()
    {
        var item = new VmItem("e", "luma", "chess_task", "chess_0000", "", null, null, null, "", null);
        string path = ScoreFiles.PathFor(Dir.Path, "vision-eval", item, "vision-eval");
        var rec = new ScoreRecord("vision-eval", "e", "luma", "chess_task", "chess_0000", ScoreStatus.Completed, 4, "close", null, null, DateTimeOffset.UnixEpoch);
        ScoreFiles.Write(path, rec);
        string text = File.ReadAllText(path);
        Assert.Contains("\"solution_correctness_score\": 4", text, StringComparison.Ordinal);
        Assert.Contains("\"evaluation_type\": \"final_frame_comparison\"", text, StringComparison.Ordinal);
        Assert.Contains("\"status\": \"completed\"", text, StringComparison.Ordinal);
        var back = ScoreFiles.Read(path);
        Assert.Equal((4, "close", "luma", "chess_task", "chess_0000", "e"), (back.Score, back.Explanation, back.Model, back.TaskType, back.TaskId, back.Experiment));
    }

    [Theory]
    [InlineData("""{"metadata": {"evaluator": "human-eval"}}""", "no \"result\" object")]
    [InlineData("""{"metadata": {}, "result": {"solution_correctness_score": 9, "status": "completed"}}""", "must be an integer 1-5, got 9")]
    [InlineData("""{"metadata": {}, "result": {"solution_correctness_score": "4", "status": "completed"}}""", "must be an integer 1-5, got \"4\"")]
    [InlineData("""not json""", "invalid JSON")]
    public void MalformedFilesNameTheProblem(string json, string expected)
    {
        string p = Dir.File(Path.Combine("x", "e", "m", "t_task", "t_0", "human-eval.json"), json);
        var ex = Assert.Throws<UserInputException>(() => ScoreFiles.Read(p));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
