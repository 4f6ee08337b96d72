using GapLens.Judging.Judges;

namespace GapLens.Judging.Tests;

public sealed class ReplyParserTests
{
    private static JudgeOutcome Parse(string reply, int maxChars = ReplyParser.MaxReplyChars) =>
        ReplyParser.Parse(reply, "solution_correctness_score", "final_frame_comparison", maxChars);

    [Theory]
    [InlineData("""{"solution_correctness_score": 4, "explanation": "ok"}""", 4)]
    [InlineData("""Sure! ```json\n{"solution_correctness_score": 2, "explanation": "x"}\n``` Hope it helps {""", 2)]
    [InlineData("""{not json} then {"solution_correctness_score": 5}""", 5)]
    [InlineData("""{"solution_correctness_score": 1, "details": {"a": 1, "b": [1, 2, {"c": 3}]}}""", 1)]
    public void TheFirstJsonObjectGivesTheScore(string reply, int score) => Assert.Equal(score, Parse(reply).Score);

    [Theory]
    [InlineData("""{"solution_correctness_score": 1, "solution_correctness_score": 5}""")]
    [InlineData("""{"solution_correctness_score": 5, "solution_correctness_score": 5}""")]
    [InlineData("""{"solution_correctness_score": 3, "details": {"x": 1, "x": 2}}""")]
    public void ADuplicateKeyIsAJudgeFailureNotTheLastValue(string reply)
    {
        var outcome = Parse(reply);
        Assert.Null(outcome.Score);
        Assert.Equal("reply JSON has a duplicate key", outcome.Failure);
        Assert.Equal(reply, outcome.RawReply);
    }

    [Fact]
    public void ADegenerateReplyOfBracesFailsAtOnce()
    {
        // 160 KB of "{" cost 39 s of CPU when each brace re-copied and re-parsed the rest of the reply.
        string reply = new('{', 160_000);
        var outcome = ReplyParser.Parse(reply, "solution_correctness_score", "final_frame_comparison", 1 << 20, out var work);
        // Linear and bounded by construction: the work is counted, not timed (a loaded machine must not fail it).
        Assert.InRange(work.Bytes, 0, ReplyParser.WorkBound(reply.Length) + reply.Length);
        Assert.InRange(work.Attempts, 0, ReplyParser.AttemptLimit);
        Assert.Equal("reply has no JSON object", outcome.Failure);
        Assert.Equal(reply, outcome.RawReply);
    }

    [Fact]
    public void DeeplyNestedAndUnterminatedRepliesFailAtOnce()
    {
        string reply = string.Concat(Enumerable.Repeat("""{"a":[0,0,0,0,0,0,0,0,0,0,""", 20_000));
        var outcome = ReplyParser.Parse(reply, "solution_correctness_score", "final_frame_comparison", 1 << 20, out var work);
        Assert.InRange(work.Bytes, 1, ReplyParser.WorkBound(reply.Length) + reply.Length);
        Assert.InRange(work.Attempts, 1, ReplyParser.AttemptLimit);
        Assert.Null(outcome.Score);
    }

    [Fact]
    public void AReplyOverTheLimitIsAFailureWithItsStartKept()
    {
        string reply = "{\"solution_correctness_score\": 4, \"explanation\": \"" + new string('x', ReplyParser.MaxReplyChars) + "\"}";
        var outcome = Parse(reply);
        Assert.Null(outcome.Score);
        Assert.StartsWith($"reply is {reply.Length} characters, more than the {ReplyParser.MaxReplyChars}", outcome.Failure, StringComparison.Ordinal);
        Assert.Equal(4_099, outcome.RawReply!.Length);
        Assert.StartsWith("{\"solution_correctness_score\": 4", outcome.RawReply, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AnEmptyReplyIsAFailure(string reply) => Assert.Equal("empty reply", Parse(reply).Failure);
}
