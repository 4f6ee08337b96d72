using System.Text.Json;
using GapLens.Judging.Folders;
using GapLens.Judging.Human;
using GapLens.Testing;

namespace GapLens.Judging.Tests.Human;

public sealed class HumanConsensusTests : TempDirTest
{
    private static readonly ItemKey Item = new("exp", "model-a", "maze_task", "maze_0000");
    private static readonly DateTimeOffset T0 = DateTimeOffset.Parse("2026-11-20T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static HumanSubmission S(long id, string who, int? score, string comments = "", int minute = 0) =>
        new(id, Item, who, score, comments, T0.AddMinutes(minute), null, true, "s", SubmissionSource.Annotate);

    [Theory]
    [InlineData(new int[0], null)]
    [InlineData(new[] { 3 }, 3)]
    [InlineData(new[] { 2, 4 }, 2)]
    [InlineData(new[] { 4, 2 }, 2)]
    [InlineData(new[] { 1, 2, 3 }, 2)]
    [InlineData(new[] { 5, 1, 4, 2 }, 2)]
    [InlineData(new[] { 5, 5, 1, 1 }, 1)]
    [InlineData(new[] { 3, 3, 3 }, 3)]
    public void TheConsensusIsTheLowerMedian(int[] scores, int? expected) => Assert.Equal(expected, HumanConsensus.LowerMedian(scores));

    [Fact]
    public void EachAnnotatorsLatestSubmissionCountsOnce()
    {
        var latest = HumanConsensus.Latest([S(1, "Ben", 2), S(2, "Ana", 5), S(3, "Ben", 4), S(4, "Ana", null)]);
        Assert.Equal([("Ana", (int?)null), ("Ben", 4)], latest.Select(s => (s.Annotator, s.Score)));
    }

    [Fact]
    public void OneAnnotatorsFileIsVmEvalKitsFormatWithTheirScoreAndComment()
    {
        HumanConsensus.WriteFile(Dir.Path, Item, [S(3, "Ana", 4, "one square short")]);
        string path = Dir.Combine("human-eval", "exp", "model-a", "maze_task", "maze_0000", "human-eval.json");
        Assert.Equal(path, HumanConsensus.FilePath(Dir.Path, Item));
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var meta = doc.RootElement.GetProperty("metadata");
        var result = doc.RootElement.GetProperty("result");
        // The keys VMEvalKit's analysis reads.
        Assert.Equal("human-eval", meta.GetProperty("evaluator").GetString());
        Assert.Equal("Ana", meta.GetProperty("annotator").GetString());
        Assert.Equal("2026-11-20T10:00:00", meta.GetProperty("timestamp").GetString());
        Assert.Equal(("model-a", "maze_task", "maze_0000"), (meta.GetProperty("model_name").GetString(), meta.GetProperty("task_type").GetString(), meta.GetProperty("task_id").GetString()));
        Assert.Equal(4, result.GetProperty("solution_correctness_score").GetInt32());
        Assert.Equal("one square short", result.GetProperty("comments").GetString());
        Assert.Equal("completed", result.GetProperty("status").GetString());
        Assert.False(result.TryGetProperty("explanation", out _));
        var back = ScoreFiles.Read(path);
        Assert.Equal((ScoreStatus.Completed, 4, "Ana"), (back.Status, back.Score, back.Annotator));
        var a = Assert.Single(back.Annotations!);
        Assert.Equal(new HumanAnnotation("Ana", 4, "one square short", T0, "annotate"), a);
    }

    [Fact]
    public void SeveralAnnotatorsGiveTheLowerMedianAndEveryonesLatestAnswerUnderAnnotations()
    {
        var latest = HumanConsensus.Latest([S(1, "Cy", 2, "", 1), S(2, "Ana", 5, "all right", 2), S(3, "Ben", 3, "half", 3), S(4, "Dee", null, "cannot tell", 4)]);
        var record = HumanConsensus.Record(Item, latest);
        Assert.Equal((ScoreStatus.Completed, 3), (record.Status, record.Score));
        Assert.Equal("Ana, Ben, Cy, Dee", record.Annotator);
        Assert.Equal("Ana: all right; Ben: half; Dee: cannot tell", record.Explanation);
        Assert.Equal(T0.AddMinutes(4), record.Timestamp);
        HumanConsensus.WriteFile(Dir.Path, Item, latest);
        using var doc = JsonDocument.Parse(File.ReadAllBytes(HumanConsensus.FilePath(Dir.Path, Item)));
        var annotations = doc.RootElement.GetProperty("result").GetProperty("annotations");
        Assert.Equal(4, annotations.GetArrayLength());
        var dee = annotations[3];
        Assert.Equal(JsonValueKind.Null, dee.GetProperty("solution_correctness_score").ValueKind);
        Assert.True(dee.GetProperty("unsure").GetBoolean());
        Assert.Equal("2026-11-20T10:04:00.000Z", dee.GetProperty("timestamp").GetString());
    }

    [Fact]
    public void AnItemEveryAnnotatorMarkedUnsureIsSkippedNotAScore()
    {
        HumanConsensus.WriteFile(Dir.Path, Item, [S(1, "Ana", null), S(2, "Ben", null)]);
        var back = ScoreFiles.Read(HumanConsensus.FilePath(Dir.Path, Item));
        Assert.Equal((ScoreStatus.Skipped, (int?)null, HumanConsensus.AllUnsure), (back.Status, back.Score, back.Error));
        Assert.Equal(2, back.Annotations!.Count);
    }

    [Theory]
    [InlineData("""{"metadata": {}, "result": {"solution_correctness_score": 3, "status": "completed", "annotations": {}}}""", "\"annotations\" must be a list")]
    [InlineData("""{"metadata": {}, "result": {"solution_correctness_score": 3, "status": "completed", "annotations": [{"solution_correctness_score": 3, "timestamp": "2026-01-01T00:00:00Z"}]}}""", "annotations[0] has no \"annotator\"")]
    [InlineData("""{"metadata": {}, "result": {"solution_correctness_score": 3, "status": "completed", "annotations": [{"annotator": "A", "solution_correctness_score": 6, "timestamp": "2026-01-01T00:00:00Z"}]}}""", "annotations[0]: solution_correctness_score must be an integer 1-5 or null (unsure), got 6")]
    [InlineData("""{"metadata": {}, "result": {"solution_correctness_score": 3, "status": "completed", "annotations": [{"annotator": "A", "solution_correctness_score": 3, "timestamp": "yesterday"}]}}""", "annotations[0]: \"timestamp\" must be an ISO 8601 time, got \"yesterday\"")]
    public void MalformedAnnotationsNameTheFileAndTheEntry(string json, string expected)
    {
        string p = Dir.File(Path.Combine("human-eval", "e", "m", "t_task", "t_0", "human-eval.json"), json);
        var ex = Assert.Throws<GapLens.Core.UserInputException>(() => ScoreFiles.Read(p));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith(p, ex.Message, StringComparison.Ordinal);
    }
}
