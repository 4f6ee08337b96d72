using System.Collections.Concurrent;
using System.Text.Json;
using GapLens.Core;
using GapLens.Core.Results;
using GapLens.IO.Logging;
using GapLens.IO.VideoQa;
using GapLens.Jobs.VideoQa;
using GapLens.Testing;
using Reply = GapLens.Testing.FakeOpenAiServer.Reply;
using Question = GapLens.Testing.VideoQaFixture.Question;

namespace GapLens.Jobs.Tests.VideoQa;

/// <summary>
/// `videoqa run` against a scripted tool-calling OpenAI-compatible server on 127.0.0.1 (real HTTP, the
/// endpoint pipeline's retries): the agent loop as spec 03 describes it, faults that never become
/// answers, tool errors the model can read, the round limit, and resume by uid.
/// </summary>
public sealed class RunVideoQaJobTests : TempDirTest
{
    private readonly StringWriter _log = new();

    private string Out => Dir.Combine("run");

    private RunVideoQaOptions Options(FakeOpenAiServer server, string data) =>
        new(data, Dir.Combine("frames"), Dir.Combine("embeddings"), server.BaseUrl, Out)
        {
            Model = "fake-vlm-1",
            EmbeddingsUrl = server.BaseUrl,
            EmbeddingsModel = "fake-embed-1",
            Concurrency = 2,
            Retries = 3,
            MaxWaitSeconds = 0.2,
            TimeoutSeconds = 20,
            NoReport = true,
        };

    private Task<JobOutcome> Run(RunVideoQaOptions options) =>
        new RunVideoQaJob().RunAsync(options, JobContext.Create(new RunLog(_log, LogLevel.Warning), Dir.Path, "videoqa run"), CancellationToken.None);

    private IReadOnlyList<IO.Documents.VideoQaResultDocument> Results() => VideoQaResultsFile.ReadResults(Path.Combine(Out, VideoQaResultsFile.ResultsName)).Results;

    private IReadOnlyList<IO.Documents.VideoQaErrorDocument> Errors() => VideoQaResultsFile.ReadErrors(Path.Combine(Out, VideoQaResultsFile.ErrorsName)).Errors;

    private static List<JsonElement> ChatRequests(FakeOpenAiServer server) =>
        [.. server.Requests.Where(r => r.Path == "/v1/chat/completions").Select(r => r.Body.RootElement)];

    private static Question Q(string uid, string key, string ask, string answer) => new(uid, key, VideoQaFixture.Text(ask), answer);

    /// <summary>Three questions (two on v1 asking for the same 7 frames: 5 by similarity, 2 by id; v2's
    /// question for 7 of its own) run with <paramref name="imageMaxSide"/>; returns the run's log.</summary>
    private async Task<string> RunThreeQuestionsAsync(FakeOpenAiServer server, int imageMaxSide, Action? beforeRun = null)
    {
        server.Responder = VideoQaScript.Standard(_ => "A");
        string data = VideoQaFixture.Write(Dir.Path, [Q("u1", "v1", "First?", "A"), Q("u2", "v1", "Second?", "A"), Q("u3", "v2", "Third?", "A")]);
        beforeRun?.Invoke();
        var log = new StringWriter();
        var outcome = await new RunVideoQaJob().RunAsync(Options(server, data) with { ImageMaxSide = imageMaxSide },
            JobContext.Create(new RunLog(log, LogLevel.Info), Dir.Path, "videoqa run"), CancellationToken.None);
        Assert.True(outcome.Passed, outcome.GateMessage);
        return log.ToString();
    }

    [Fact]
    public async Task WithImageMaxSideAFrameSentAgainComesFromTheCacheAndTheLogSaysHowMany()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        // The fixture's frames are 16x12: made 32x24 here, so 16 px re-encodes each one.
        string log = await RunThreeQuestionsAsync(server, 16, () =>
        {
            foreach (string png in Directory.EnumerateFiles(Dir.Combine("frames"), "*.png", SearchOption.AllDirectories))
            {
                using var small = SkiaSharp.SKBitmap.Decode(png);
                using var large = small.Resize(new SkiaSharp.SKImageInfo(32, 24), new SkiaSharp.SKSamplingOptions(SkiaSharp.SKFilterMode.Nearest));
                using var encoded = large.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
                File.WriteAllBytes(png, encoded.ToArray());
            }
        });

        Assert.Contains("Frames re-encoded: 14 of 21 sent (0 already within --image-max-side, sent as they are; 7 from the cache, 0 dropped to stay within 64 MiB)", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FramesAlreadyWithinImageMaxSideAreSentAsTheyAreAndTheLogDoesNotCallThemReEncoded()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        string log = await RunThreeQuestionsAsync(server, 4096);

        Assert.Contains("Frames re-encoded: 0 of 21 sent (14 already within --image-max-side, sent as they are; 7 from the cache, 0 dropped to stay within 64 MiB)", log, StringComparison.Ordinal);
        // The first image sent is the frame file's own bytes.
        var request = ChatRequests(server).First(r => r.GetRawText().Contains("data:image/", StringComparison.Ordinal));
        string url = request.GetProperty("messages").EnumerateArray().SelectMany(m => m.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.Array ? c.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Where(p => p.TryGetProperty("image_url", out _)).Select(p => p.GetProperty("image_url").GetProperty("url").GetString()!).First();
        byte[] sent = Convert.FromBase64String(url[(url.IndexOf(',', StringComparison.Ordinal) + 1)..]);
        Assert.Contains(Directory.EnumerateFiles(Path.Combine(Dir.Path, "frames"), "*.png", SearchOption.AllDirectories), f => File.ReadAllBytes(f).AsSpan().SequenceEqual(sent));
    }

    [Fact]
    public async Task AnswersEachQuestionBySimilarityThenByIdAndRecordsFramesByIdNeverAsImageData()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = VideoQaScript.Standard(q => q.Contains("first", StringComparison.Ordinal) ? "A" : "B");
        string data = VideoQaFixture.Write(Dir.Path, [Q("u1", "v1", "What colour fills the screen first?", "A"), Q("u2", "v1", "Which colour?", "A"), Q("u3", "v2", "And here?", "C")]);

        var outcome = await Run(Options(server, data));

        Assert.True(outcome.Passed, outcome.GateMessage);
        var results = Results().OrderBy(r => r.ItemId, StringComparer.Ordinal).ToList();
        Assert.Equal(["u1", "u2", "u3"], results.Select(r => r.ItemId));
        Assert.Equal([SampleOutcome.Correct, SampleOutcome.Wrong, SampleOutcome.Wrong], results.Select(r => r.Outcome));
        Assert.Equal(["A", "B", "B"], results.Select(r => r.ExtractedAnswer));
        var u1 = results[0];
        Assert.Equal("json-block", u1.ExtractionMethod);
        Assert.Equal(2, u1.Rounds);
        Assert.Equal(3, u1.ModelCalls);
        Assert.False(u1.RoundLimitReached);
        Assert.Equal(60, u1.TotalFrames);
        Assert.Equal(1.0, u1.Fps);
        Assert.Equal(["get_frames_by_similarity", "get_frames_by_id"], u1.ToolCalls.Select(c => c.Name));
        // The moment's frames (seconds 20-24, ids 21-25) are the query's nearest, best first.
        Assert.Equal([21, 22, 23, 24, 25], u1.ToolCalls[0].Frames.Select(f => f.Id));
        Assert.Equal([20L, 21, 22, 23, 24], u1.ToolCalls[0].Frames.Select(f => f.Number));
        Assert.All(u1.ToolCalls[0].Frames, f => Assert.NotNull(f.Score));
        Assert.Equal("a red screen", u1.ToolCalls[0].Query);
        Assert.Equal([1, 2], u1.ToolCalls[1].RequestedIds.ToArray());
        Assert.Equal([0L, 1], u1.ToolCalls[1].Frames.Select(f => f.Number));
        Assert.Equal(["duration_bucket", "key", "model", "question_type", "retrieval", "round_limit"], u1.Metadata.Keys);
        Assert.Equal("hit", u1.Metadata["retrieval"]);
        Assert.Equal(6, u1.Usage!.TotalTokens);
        Assert.Equal(["system", "user", "assistant", "tool", "user", "assistant", "tool", "user", "assistant"], u1.Conversation.Select(m => m.Role));
        Assert.Equal([21, 22, 23, 24, 25], u1.Conversation[4].Content.Where(p => p.Type == "frame").Select(p => p.FrameId!.Value));
        string file = File.ReadAllText(Path.Combine(Out, VideoQaResultsFile.ResultsName));
        Assert.DoesNotContain("base64", file, StringComparison.Ordinal);
        Assert.DoesNotContain("data:image", file, StringComparison.Ordinal);
        Assert.Equal(3, file.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        // What the model was sent, as spec 03 describes it.
        var third = ChatRequests(server).First(r => r.GetProperty("messages").GetArrayLength() == 8
            && VideoQaScript.Text(r.GetProperty("messages")[1]).Contains("first", StringComparison.Ordinal));
        var m = third.GetProperty("messages").EnumerateArray().ToList();
        Assert.Equal("The video has 60 frames (ID 1 to 60) and is 60 seconds long. Please answer this question:\n" + VideoQaFixture.Text("What colour fills the screen first?"), VideoQaScript.Text(m[1]));
        Assert.Equal("tool", m[3].GetProperty("role").GetString());
        Assert.Equal("call_sim", m[3].GetProperty("tool_call_id").GetString());
        Assert.Equal("{\"status\": \"success\", \"retrieved_frame_count\": 5}", VideoQaScript.Text(m[3]));
        Assert.Equal("Here are the 5 frames from your call to `get_frames_by_similarity`.", VideoQaScript.Text(m[4]));
        var images = m[4].GetProperty("content").EnumerateArray().Where(p => p.GetProperty("type").GetString() == "image_url").ToList();
        Assert.Equal(5, images.Count);
        Assert.All(images, i => Assert.StartsWith("data:image/png;base64,iVBORw0KGgo", i.GetProperty("image_url").GetProperty("url").GetString(), StringComparison.Ordinal));
        Assert.Equal("Here are the 2 frames from your call to `get_frames_by_id`.", VideoQaScript.Text(m[7]));
        Assert.Equal(0, third.GetProperty("temperature").GetDouble());
        Assert.Equal(2, third.GetProperty("tools").GetArrayLength());
        Assert.Contains("_runs", Directory.GetDirectories(Out).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ADroppedConnectionA429AndA500AreRetriedAndNeverBecomeAnAnswer()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var faults = new ConcurrentQueue<Reply>([Reply.Dropped(), new Reply(429, RetryAfterSeconds: 0.1), new Reply(500)]);
        var standard = VideoQaScript.Standard(_ => "A");
        server.Responder = body => faults.TryDequeue(out var f) ? f : standard(body);
        string data = VideoQaFixture.Write(Dir.Path, [Q("u1", "v1", "What colour?", "A")]);

        var outcome = await Run(Options(server, data) with { Concurrency = 1 });

        Assert.True(outcome.Passed, outcome.GateMessage);
        var r = Assert.Single(Results());
        Assert.Equal(SampleOutcome.Correct, r.Outcome);
        Assert.Equal(3, r.ModelCalls);
        Assert.Equal(6, ChatRequests(server).Count);
        Assert.Empty(Errors());
    }

    [Fact]
    public async Task AQuestionWhoseEndpointKeepsFailingIsAnErrorNotAResultAndTheNextRunRetriesIt()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        int failing = 1;
        var standard = VideoQaScript.Standard(_ => "C");
        server.Responder = body => Volatile.Read(ref failing) == 1 && VideoQaScript.Text(body.RootElement.GetProperty("messages")[1]).Contains("broken", StringComparison.Ordinal)
            ? new Reply(503) : standard(body);
        string data = VideoQaFixture.Write(Dir.Path, [Q("u1", "v1", "What colour?", "C"), Q("u2", "v1", "The broken one?", "C")]);

        var first = await Run(Options(server, data) with { Retries = 1 });

        Assert.True(first.Passed, first.GateMessage);
        Assert.Equal(["u1"], Results().Select(r => r.ItemId));
        var error = Assert.Single(Errors());
        Assert.Equal("u2", error.ItemId);
        Assert.Equal("v1", error.Key);
        Assert.Equal(503, error.StatusCode);
        Assert.Contains("503", error.Error, StringComparison.Ordinal);
        Assert.Contains("at ", error.Stack, StringComparison.Ordinal);
        Assert.Contains("uid u2 (video v1) failed, it will be retried by the next run", _log.ToString(), StringComparison.Ordinal);

        Volatile.Write(ref failing, 0);
        int before = ChatRequests(server).Count;
        var second = await Run(Options(server, data));

        Assert.True(second.Passed, second.GateMessage);
        Assert.Equal(["u1", "u2"], Results().Select(r => r.ItemId).Order(StringComparer.Ordinal));
        Assert.Equal(2, File.ReadAllLines(Path.Combine(Out, VideoQaResultsFile.ResultsName)).Length);
        Assert.Equal(3, ChatRequests(server).Count - before); // u1 was not asked again
        Assert.All(Results(), r => Assert.Equal(SampleOutcome.Correct, r.Outcome));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(Out, "_runs")).Length);
    }

    [Fact]
    public async Task AReplyThatIsNotACompletionIsAnErrorWithItsRawBodyNotAWrongAnswer()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = _ => Reply.Html();
        string data = VideoQaFixture.Write(Dir.Path, [Q("u1", "v1", "What colour?", "A")]);

        var outcome = await Run(Options(server, data));

        Assert.False(outcome.Passed);
        Assert.Contains("every attempted question failed (1 of 1)", outcome.GateMessage, StringComparison.Ordinal);
        Assert.Empty(Results());
        var e = Assert.Single(Errors());
        Assert.Equal("MalformedReplyException", e.ErrorType);
        Assert.Contains("Bad Gateway", e.RawBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("I am not sure; it could be red or blue.", "no JSON answer")]
    [InlineData("```json\n{\"answer\": \"A\"}\n```\nOn second thought:\n```json\n{\"answer\": \"C\"}\n```", "conflicting letters A, C")]
    [InlineData("```json\n{\"answer\": \"E\"}\n```", "E is not one of the options ABCD")]
    public async Task AReplyWithoutOneReadableOptionLetterIsUnansweredNeverAGuess(string reply, string diagnostic)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = VideoQaScript.Responder((_, turns, _) => turns == 0 ? VideoQaScript.Similarity("red") : new Reply(200, reply));
        string data = VideoQaFixture.Write(Dir.Path, [Q("u1", "v1", "What colour?", "A")]);

        var outcome = await Run(Options(server, data));

        Assert.True(outcome.Passed, outcome.GateMessage);
        var r = Assert.Single(Results());
        Assert.Equal(SampleOutcome.Unanswered, r.Outcome);
        Assert.Null(r.ExtractedAnswer);
        Assert.Null(r.Score);
        Assert.Equal(reply, r.RawOutput);
        Assert.Contains(r.Diagnostics, d => d.Contains(diagnostic, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FiftyIdsAndFrameIdZeroAreAnsweredWithToolErrorsTheModelCanRead()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = VideoQaScript.Responder((_, turns, _) => turns switch
        {
            0 => VideoQaScript.ById([.. Enumerable.Range(1, 50)]),
            1 => VideoQaScript.ById(0, 5),
            2 => VideoQaScript.ById(61),
            _ => VideoQaScript.Answer("A"),
        });
        string data = VideoQaFixture.Write(Dir.Path, [Q("u1", "v1", "What colour?", "A")]);

        var outcome = await Run(Options(server, data));

        Assert.True(outcome.Passed, outcome.GateMessage);
        var r = Assert.Single(Results());
        Assert.Equal(SampleOutcome.Correct, r.Outcome);
        Assert.Equal(["error", "error", "error"], r.ToolCalls.Select(c => c.Status));
        Assert.All(r.ToolCalls, c => Assert.Empty(c.Frames));
        Assert.Equal(50, r.ToolCalls[0].RequestedIds.Length);
        var last = ChatRequests(server).Single(b => b.GetProperty("messages").GetArrayLength() == 8);
        var tools = last.GetProperty("messages").EnumerateArray().Where(m => m.GetProperty("role").GetString() == "tool").Select(VideoQaScript.Text).ToList();
        Assert.Equal(
        [
            "{\"status\": \"error\", \"error\": \"at most 10 frame ids per call; got 50. Ask again with at most 10\"}",
            "{\"status\": \"error\", \"error\": \"frame ids must be from 1 to 60 (the video has 60 frames); got 0\"}",
            "{\"status\": \"error\", \"error\": \"frame ids must be from 1 to 60 (the video has 60 frames); got 61\"}",
        ], tools);
        // No frames were sent: no user message follows a tool error.
        Assert.Equal(["system", "user", "assistant", "tool", "assistant", "tool", "assistant", "tool"], last.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        Assert.Contains("3 tool call(s) answered with an error", r.Diagnostics);
    }

    [Fact]
    public async Task AModelThatNeverStopsCallingToolsIsAskedForTheAnswerAfterTheRoundLimit()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = VideoQaScript.Responder((_, _, _) => VideoQaScript.ById(1));
        string data = VideoQaFixture.Write(Dir.Path, [Q("u1", "v1", "What colour?", "A")]);

        var outcome = await Run(Options(server, data) with { MaxRounds = 3 });

        Assert.True(outcome.Passed, outcome.GateMessage);
        var r = Assert.Single(Results());
        Assert.Equal(3, r.Rounds);
        Assert.Equal(4, r.ModelCalls);
        Assert.True(r.RoundLimitReached);
        Assert.Equal(3, r.ToolCalls.Length);
        Assert.Equal(SampleOutcome.Unanswered, r.Outcome);
        Assert.Contains(r.Diagnostics, d => d.StartsWith("final reply called tools", StringComparison.Ordinal));
        var requests = ChatRequests(server);
        Assert.Equal(4, requests.Count);
        Assert.Equal("none", requests[^1].GetProperty("tool_choice").GetString());
        Assert.Equal("auto", requests[0].GetProperty("tool_choice").GetString());
        Assert.StartsWith("You have used all your tool calls.", VideoQaScript.Text(requests[^1].GetProperty("messages").EnumerateArray().Last()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEndpointThatRefusesTheKeyStopsTheRunWithoutRecordingAnyAnswer()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = _ => new Reply(401);
        string data = VideoQaFixture.Write(Dir.Path, [.. Enumerable.Range(1, 8).Select(i => Q($"u{i}", "v1", "What colour?", "A"))]);

        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(Options(server, data) with { Concurrency = 1 }));

        Assert.Contains("401", ex.Message, StringComparison.Ordinal);
        Assert.Contains("run stopped", ex.Message, StringComparison.Ordinal);
        Assert.Empty(Results());
        Assert.Equal(3, Errors().Count);
        Assert.Equal(3, ChatRequests(server).Count); // 401 is never retried
    }

    [Fact]
    public async Task ALastLineCutShortByAKillIsRemovedAndItsQuestionRunsAgainExactlyOnce()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = VideoQaScript.Standard(_ => "A");
        string data = VideoQaFixture.Write(Dir.Path, [Q("u1", "v1", "What colour?", "A"), Q("u2", "v2", "What colour?", "A")]);
        Assert.True((await Run(Options(server, data))).Passed);
        string results = Path.Combine(Out, VideoQaResultsFile.ResultsName);
        var lines = File.ReadAllLines(results);
        // As a SIGKILL in the middle of the second line's write leaves the file.
        File.WriteAllText(results, lines[0] + "\n" + lines[1][..(lines[1].Length / 2)]);

        var outcome = await Run(Options(server, data));

        Assert.True(outcome.Passed, outcome.GateMessage);
        var after = File.ReadAllLines(results);
        Assert.Equal(2, after.Length);
        Assert.Equal(["u1", "u2"], Results().Select(r => r.ItemId).Order(StringComparer.Ordinal));
        Assert.Contains("removed a last line cut short by a killed run", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResultsOfAnotherAgentSetupInTheFolderAreAUserErrorNotMixedIn()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = VideoQaScript.Standard(_ => "A");
        string data = VideoQaFixture.Write(Dir.Path, [Q("u1", "v1", "What colour?", "A"), Q("u2", "v1", "What colour?", "A")]);
        Assert.True((await Run(Options(server, data))).Passed);

        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(Options(server, data) with { TopK = 3 }));

        Assert.Contains("made with another agent setup", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2, Results().Count);
    }

    [Fact]
    public async Task DataProblemsAreListedAndLeftOutOrStopAStrictRun()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = VideoQaScript.Standard(_ => "A");
        string data = VideoQaFixture.Write(Dir.Path,
        [
            Q("u1", "v1", "What colour?", "A"),
            Q("u1", "v1", "Duplicate uid?", "A"),
            Q("u3", "v1", "Not an option?", "F"),
            Q("u4", "nowhere", "No frames?", "A"),
        ]);
        Directory.Delete(Dir.Combine("frames", "nowhere"), recursive: true);

        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(Options(server, data) with { Strict = true }));
        Assert.StartsWith("--strict: 3 question(s) of", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Out, VideoQaResultsFile.ResultsName)));

        var outcome = await Run(Options(server, data));
        Assert.True(outcome.Passed, outcome.GateMessage);
        Assert.Equal(["u1"], Results().Select(r => r.ItemId));
        string log = _log.ToString();
        Assert.Contains("duplicate uid u1", log, StringComparison.Ordinal);
        Assert.Contains("answer 'F' is not one of the question's option letters A, B, C, D", log, StringComparison.Ordinal);
        Assert.Contains("no frames folder", log, StringComparison.Ordinal);
    }

    /// <summary>Found attacking the CLI: an empty list said "no question can run (0 problem(s) listed above)".</summary>
    [Theory]
    [InlineData("[]")]
    [InlineData("[]\n")]
    public async Task ADataFileWithoutQuestionsSaysSo(string text)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        VideoQaFixture.Write(Dir.Path, [Q("u1", "v1", "What colour?", "A")]);
        string data = Dir.File("empty.json", text);
        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(Options(server, data)));
        Assert.Equal($"--data {data}: holds no question", ex.Message);
    }

    /// <summary>Found attacking the CLI: a corrupt embeddings file was an error per question, each after
    /// the run had started (and no --strict could stop it); it is a problem of its video, listed before the run.</summary>
    [Fact]
    public async Task AnUnreadableEmbeddingsFileIsListedBeforeTheRunAndItsQuestionsLeftOut()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = VideoQaScript.Standard(_ => "A");
        string data = VideoQaFixture.Write(Dir.Path, [Q("u1", "v1", "What colour?", "A"), Q("u2", "bad", "What colour?", "A"), Q("u3", "bad", "Again?", "B")]);
        File.WriteAllText(Dir.Combine("embeddings", "bad.npy"), "\x93NUMPY garbage");

        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(Options(server, data) with { Strict = true }));
        Assert.StartsWith("--strict: 2 question(s) of", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Requests, r => r.Path == "/v1/chat/completions");

        var outcome = await Run(Options(server, data));
        Assert.True(outcome.Passed, outcome.GateMessage);
        Assert.Equal(["u1"], Results().Select(r => r.ItemId));
        Assert.Empty(Errors());
        Assert.Contains("bad.npy", _log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATextEncoderOfAnotherDimensionThanTheFrameEmbeddingsStopsBeforeAnyQuestion()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = VideoQaScript.Standard(_ => "A");
        string data = VideoQaFixture.Write(Dir.Path, [Q("u1", "v1", "What colour?", "A")]);
        File.WriteAllBytes(Dir.Combine("embeddings", "v1.npy"), VideoQaFixture.Npy(new float[60 * 4], 60, 4));

        var ex = await Assert.ThrowsAsync<UserInputException>(() => Run(Options(server, data)));

        Assert.Contains("the text encoder gives 3-dimensional embeddings but", ex.Message, StringComparison.Ordinal);
        Assert.Empty(ChatRequests(server));
    }
}
