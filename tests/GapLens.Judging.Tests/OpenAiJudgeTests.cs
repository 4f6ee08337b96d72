using System.Diagnostics;
using System.Text.Json;
using GapLens.Core;
using GapLens.Endpoints;
using GapLens.IO.Logging;
using GapLens.IO.Media;
using GapLens.Judging.Folders;
using GapLens.Judging.Judges;
using GapLens.Judging.Runs;
using GapLens.Testing;
using SkiaSharp;
using Reply = GapLens.Testing.FakeOpenAiServer.Reply;

namespace GapLens.Judging.Tests;

/// <summary>The VLM judge against a real local OpenAI-compatible HTTP server with injected faults.</summary>
public sealed class OpenAiJudgeTests : TempDirTest
{
    /// <summary>Every judge call of a test ends well before this, or the test fails instead of hanging.</summary>
    private static CancellationToken Bounded() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;

    private string Png(string name, SKColor color)
    {
        using var s = SKSurface.Create(new SKImageInfo(16, 16));
        s.Canvas.Clear(color);
        using var i = s.Snapshot();
        using var d = i.Encode(SKEncodedImageFormat.Png, 100);
        string p = Dir.Combine(name);
        File.WriteAllBytes(p, d.ToArray());
        return p;
    }

    private JudgeInput Input() =>
        new("maze_task", "solve the maze", Png("first.png", SKColors.Red), Png("final.png", SKColors.Green), Png("last.png", SKColors.Blue), null);

    /// <summary>Endpoint options for the test server: a generous attempt timeout so a loaded machine never
    /// turns a normal reply into a retry (only the hang test shortens it), short backoff steps.</summary>
    private static EndpointOptions Endpoint(FakeOpenAiServer server, int retries = 3, double timeoutSeconds = 20, string? model = null) => new(server.BaseUrl)
    {
        Model = model,
        AttemptTimeout = TimeSpan.FromSeconds(timeoutSeconds),
        MaxRetries = retries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        MaxWait = TimeSpan.FromSeconds(1),
    };

    private static Task<OpenAiJudge> Judge(FakeOpenAiServer server, string? cache = null, int retries = 3, double timeoutSeconds = 20) =>
        OpenAiJudge.CreateAsync(new OpenAiJudgeOptions(Endpoint(server, retries, timeoutSeconds), CacheDir: cache), Bounded());

    /// <summary>N items of one VMEvalKit tree sharing one small mp4 (ffmpeg, installed by test.sh).</summary>
    private async Task<string> Items(int n)
    {
        var input = Input();
        string frames = Dir.Combine("frames");
        Directory.CreateDirectory(frames);
        for (int k = 0; k < 3; k++) File.Copy(input.LastFramePng, Path.Combine(frames, $"f{k}.png"));
        string mp4 = Dir.Combine("v.mp4");
        await FfmpegFrames.WriteVideoAsync(Path.Combine(frames, "f%d.png"), mp4, 3, CancellationToken.None);
        for (int i = 0; i < n; i++)
        {
            string run = Dir.Combine("outputs", "exp", $"m{i % 2}", "maze_task", $"maze_{i:0000}", "r1");
            Directory.CreateDirectory(Path.Combine(run, "question"));
            Directory.CreateDirectory(Path.Combine(run, "video"));
            File.Copy(input.FirstFramePng, Path.Combine(run, "question", "first_frame.png"));
            File.Copy(input.FinalFramePng!, Path.Combine(run, "question", "final_frame.png"));
            File.Copy(mp4, Path.Combine(run, "video", "v.mp4"));
        }
        return Dir.Combine("outputs");
    }

    private Task<JudgeRunSummary> RunAsync(IJudge judge, string outputs, int concurrency, StringWriter? log = null) =>
        JudgeRunner.RunAsync(judge, new JudgeRunOptions(outputs, Dir.Combine("evals"), concurrency), new RunLog(log ?? TextWriter.Null, LogLevel.Debug), null, null, Bounded());

    [Fact]
    public async Task SendsTheThreeImagesInOrderAtTemperatureZeroToTheFirstListedModel()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(new Reply(200, """Sure: ```json {"solution_correctness_score": 5, "explanation": "solved"} ```"""));
        using var judge = await Judge(server);
        var input = Input();
        var outcome = await judge.JudgeAsync(input, Bounded());
        Assert.Equal((5, "solved"), (outcome.Score, outcome.Explanation));
        Assert.True(server.Requests.TryDequeue(out var req));
        var body = req.Body.RootElement;
        Assert.Equal("fake-vlm-1", body.GetProperty("model").GetString());
        Assert.Equal(0, body.GetProperty("temperature").GetDouble());
        var user = body.GetProperty("messages")[1].GetProperty("content");
        var urls = user.EnumerateArray().Where(p => p.GetProperty("type").GetString() == "image_url")
            .Select(p => p.GetProperty("image_url").GetProperty("url").GetString()!).ToList();
        Assert.Equal(3, urls.Count);
        string[] files = [input.FirstFramePng, input.FinalFramePng!, input.LastFramePng];
        for (int i = 0; i < 3; i++) Assert.Equal("data:image/png;base64," + Convert.ToBase64String(File.ReadAllBytes(files[i])), urls[i]);
        Assert.Contains("Respond in JSON", body.GetProperty("messages")[0].GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimitsServerErrorsAndHangsAreRetriedThenScored()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(
            new Reply(429, RetryAfterSeconds: 0.2),
            new Reply(500),
            new Reply(200, """{"solution_correctness_score": 3, "explanation": "late"}""", Delay: TimeSpan.FromSeconds(8)),
            new Reply(200, """{"solution_correctness_score": 3, "explanation": "ok"}"""));
        using var judge = await Judge(server, timeoutSeconds: 2);
        var clock = Stopwatch.StartNew();
        var outcome = await judge.JudgeAsync(Input(), Bounded());
        Assert.Equal((3, "ok"), (outcome.Score, outcome.Explanation));
        Assert.Equal(4, server.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.2), "Retry-After and the 2 s timeout were waited for");
    }

    [Fact]
    public async Task GivingUpAfterTheRetriesIsAFailureNotAScore()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = new Reply(503);
        using var judge = await Judge(server, retries: 1);
        var outcome = await judge.JudgeAsync(Input(), Bounded());
        Assert.Null(outcome.Score);
        Assert.Equal($"HTTP 503 Service Unavailable from {server.BaseUrl}/chat/completions: scripted 503; 2 attempts (--retries 1)", outcome.Failure);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData("The final frame looks right to me.", "reply has no JSON object")]
    [InlineData("""{"solution_correctness_score": 7, "explanation": "x"}""", "must be 1-5, got 7")]
    [InlineData("""{"solution_correctness_score": "4", "explanation": "x"}""", "must be an integer 1-5, got \"4\"")]
    [InlineData("I'm sorry, but I can't help with that.", "reply has no JSON object")]
    [InlineData("""{"score": 4}""", "has no \"solution_correctness_score\"")]
    [InlineData("""{"solution_correctness_score": 1, "solution_correctness_score": 5}""", "reply JSON has a duplicate key")]
    [InlineData("""Verdict: {"solution_correctness_score": 4, "explanation": "a", "explanation": "b"}""", "reply JSON has a duplicate key")]
    public async Task BadRepliesAreJudgeFailuresThatKeepTheRawReply(string reply, string expected)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(new Reply(200, reply));
        using var judge = await Judge(server);
        var outcome = await judge.JudgeAsync(Input(), Bounded());
        Assert.Null(outcome.Score);
        Assert.Contains(expected, outcome.Failure, StringComparison.Ordinal);
        Assert.Equal(reply, outcome.RawReply);
    }

    public static TheoryData<Reply, string, string> MalformedReplies() => new()
    {
        { Reply.Html(), "the body is not JSON, Content-Type text/html", "<title>502 Bad Gateway</title>" },
        { Reply.EmptyBody(), "the body is empty", "" },
        { Reply.InvalidUtf8(), "the body is not valid UTF-8", "score \uFFFD(\uFFFD" },
        { Reply.NoChoices(), "\"choices\" is empty", "\"choices\":[]" },
    };

    [Theory]
    [MemberData(nameof(MalformedReplies))]
    public async Task AMalformed200FailsOnlyThatItemWithTheRawBodyKept(Reply bad, string problem, string rawPart)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(bad);
        using var judge = await Judge(server);
        var failed = await judge.JudgeAsync(Input(), Bounded());
        Assert.Null(failed.Score);
        Assert.Contains(problem, failed.Failure, StringComparison.Ordinal);
        Assert.Contains(rawPart, failed.RawReply, StringComparison.Ordinal);
        var next = await judge.JudgeAsync(Input(), Bounded());
        Assert.Equal(4, next.Score);
    }

    [Fact]
    public async Task ARetryAfterOfDaysIsCappedAndTheItemScored()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(new Reply(429, RetryAfterSeconds: 100000), new Reply(200, """{"solution_correctness_score": 2, "explanation": "x"}"""));
        using var judge = await Judge(server);
        var clock = Stopwatch.StartNew();
        var outcome = await judge.JudgeAsync(Input(), new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.Equal(2, outcome.Score);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task CachedResponsesAreNotRequestedAgain()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var judge = await Judge(server, Dir.Combine("cache"));
        var input = Input();
        var a = await judge.JudgeAsync(input, Bounded());
        var b = await judge.JudgeAsync(input, Bounded());
        Assert.Equal(a, b);
        Assert.Equal(4, a.Score);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task GoalModeRepliesAreCachedUnderTheirOwnKey()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = new Reply(200, """{"goal_achieved_score": 5, "explanation": "reached"}""");
        using var judge = await Judge(server, Dir.Combine("cache"));
        var input = Input() with { FinalFramePng = null, Goal = "reach the exit" };
        var a = await judge.JudgeAsync(input, Bounded());
        var b = await judge.JudgeAsync(input, Bounded());
        Assert.Equal((5, "goal_based"), (a.Score, a.EvaluationType));
        Assert.Equal(a, b);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task RepliesThatDoNotParseAreNotCachedSoTheNextRunAsksAgain()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(new Reply(200, "no verdict"), new Reply(200, """{"solution_correctness_score": 3, "explanation": "x"}"""));
        using var judge = await Judge(server, Dir.Combine("cache"));
        var input = Input();
        Assert.Null((await judge.JudgeAsync(input, Bounded())).Score);
        Assert.Equal(3, (await judge.JudgeAsync(input, Bounded())).Score);
        Assert.Equal(3, (await judge.JudgeAsync(input, Bounded())).Score);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task TheCacheKeyChangesWithTheBaseUrl()
    {
        await using var serverA = await FakeOpenAiServer.StartAsync();
        await using var serverB = await FakeOpenAiServer.StartAsync();
        serverA.Default = new Reply(200, """{"solution_correctness_score": 2, "explanation": "A"}""");
        serverB.Default = new Reply(200, """{"solution_correctness_score": 5, "explanation": "B"}""");
        string cache = Dir.Combine("cache");
        var input = Input();
        using var a = await Judge(serverA, cache);
        using var b = await Judge(serverB, cache);
        Assert.Equal(2, (await a.JudgeAsync(input, Bounded())).Score);
        Assert.Equal(5, (await b.JudgeAsync(input, Bounded())).Score);
        Assert.Single(serverA.Requests);
        Assert.Single(serverB.Requests);
    }

    [Fact]
    public async Task ARunAgainstAServerThatDropsAThirdOfConnectionsScoresEveryItemAtConcurrencyEight()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.DropShare = 1.0 / 3;
        server.Seed(3);
        server.Default = new Reply(200, """{"solution_correctness_score": 4, "explanation": "from the server"}""");
        string outputs = await Items(24);
        using var judge = await OpenAiJudge.CreateAsync(new OpenAiJudgeOptions(Endpoint(server, retries: 12)), Bounded());
        var summary = await RunAsync(judge, outputs, concurrency: 8);
        Assert.Equal((24, 24, 0), (summary.Items, summary.Scored, summary.Failed));
        Assert.True(server.Dropped >= 3, $"the server dropped {server.Dropped} connections");
        foreach (var item in VmOutputs.Scan(outputs))
        {
            var score = ScoreFiles.Read(ScoreFiles.PathFor(Dir.Combine("evals"), judge.EvaluatorDir, item, judge.EvaluatorDir));
            Assert.Equal("fake-vlm-1-eval", judge.EvaluatorDir);
            Assert.Equal((ScoreStatus.Completed, 4, "from the server"), (score.Status, score.Score, score.Explanation));
        }
    }

    [Fact]
    public async Task ABadKeyStopsTheRunInUnderTwoSecondsWithOneLine()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = new Reply(401);
        string outputs = await Items(28);
        Environment.SetEnvironmentVariable("GAPLENS_TEST_BAD_KEY", "sk-gaplens-bad-key-0000");
        try
        {
            using var judge = await OpenAiJudge.CreateAsync(new OpenAiJudgeOptions(Endpoint(server, model: "fake-vlm-1") with { ApiKeyEnv = "GAPLENS_TEST_BAD_KEY" }), Bounded());
            // Warm-up, so the clock measures the stop and not ffmpeg or the first call's JIT: the frame
            // cache gets the shared video's last frame, and one call goes through before the key goes bad.
            await new Frames.FrameCache(Dir.Combine("evals", "_frames")).GetAsync(Dir.Combine("v.mp4"), 1, 1.0, Bounded());
            server.Enqueue(new Reply(200, "warm-up"));
            Assert.Null((await judge.JudgeAsync(Input(), Bounded())).Score);
            while (server.Requests.TryDequeue(out _)) { }
            var log = new StringWriter();
            var clock = Stopwatch.StartNew();
            var ex = await Assert.ThrowsAsync<UserInputException>(() => RunAsync(judge, outputs, concurrency: 8, log));
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
            Assert.Equal(
                $"HTTP 401 Unauthorized from {server.BaseUrl}/chat/completions: the API key was rejected (the key in GAPLENS_TEST_BAD_KEY); set GAPLENS_TEST_BAD_KEY to a valid key or name another variable with --api-key-env (3 calls in a row failed like this; run stopped)",
                ex.Message);
            Assert.True(server.Requests.Count < 28, $"{server.Requests.Count} of 28 items were sent");
            Assert.DoesNotContain("sk-gaplens-bad-key-0000", ex.Message + log, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GAPLENS_TEST_BAD_KEY", null);
        }
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/v1", 120.0, null, "--base-url 'ftp://127.0.0.1/v1' uses the scheme 'ftp'")]
    [InlineData("http://127.0.0.1:99999/v1", 120.0, null, "--base-url 'http://127.0.0.1:99999/v1' is not a valid URL")]
    [InlineData("http://127.0.0.1:1/v1", -1.0, null, "--timeout -1 s is out of range")]
    [InlineData("http://127.0.0.1:1/v1", 120.0, "missing-guidance.txt", "FileNotFoundError: --guidance not found: ")]
    public async Task BadOptionsAreOneLineUserErrorsNotCrashes(string baseUrl, double timeout, string? guidance, string expected)
    {
        // The judge command's own call shape.
        var options = new OpenAiJudgeOptions(baseUrl, "m", "OPENAI_API_KEY", TimeSpan.FromSeconds(timeout), 5, guidance is null ? null : Dir.Combine(guidance), null);
        var ex = await Assert.ThrowsAsync<UserInputException>(() => OpenAiJudge.CreateAsync(options, Bounded()));
        Assert.StartsWith(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public async Task TheIdentityKeepsModelTemplateTemperatureAndARedactedBaseUrl()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        string withSecret = server.BaseUrl.Replace("http://", "http://alice:hunter2@", StringComparison.Ordinal);
        using var judge = await OpenAiJudge.CreateAsync(new OpenAiJudgeOptions(Endpoint(server) with { BaseUrl = withSecret }), Bounded());
        Assert.Equal(server.BaseUrl.Replace("http://", "http://***@", StringComparison.Ordinal), judge.Identity["base_url"]);
        Assert.Equal("fake-vlm-1", judge.Identity["model"]);
        Assert.Equal(JudgePrompt.TemplateId, judge.Identity["prompt_template"]);
        Assert.Equal(JudgePrompt.TemplateHash, judge.Identity["prompt_template_sha256"]);
        Assert.Equal("0", judge.Identity["temperature"]);
        Assert.Equal(4, (await judge.JudgeAsync(Input(), Bounded())).Score);
    }

    [Theory]
    [InlineData("gpt-4o", "gpt-4o-eval")]
    [InlineData("Qwen/Qwen2-VL-7B-Instruct", "qwen2-vl-7b-instruct-eval")]
    [InlineData("OpenGVLab/InternVL3-8B:latest", "internvl3-8b-latest-eval")]
    [InlineData("../..", "vision-eval")]
    public void TheDefaultEvaluatorFolderIsDerivedFromTheModelId(string model, string expected) =>
        Assert.Equal(expected, OpenAiJudge.DefaultEvaluatorDir(model));

    [Fact]
    public async Task TheApiKeyIsSentButNeverWrittenOrLogged()
    {
        const string key = "sk-gaplens-test-SECRET-4242";
        Environment.SetEnvironmentVariable("GAPLENS_TEST_API_KEY", key);
        try
        {
            await using var server = await FakeOpenAiServer.StartAsync();
            string outputs = await Items(1);
            using var judge = await OpenAiJudge.CreateAsync(new OpenAiJudgeOptions(Endpoint(server) with { ApiKeyEnv = "GAPLENS_TEST_API_KEY" }, CacheDir: Dir.Combine("evals", "vision-eval", "_cache")), Bounded());
            var log = new StringWriter();
            var summary = await RunAsync(judge, outputs, 1, log);
            Assert.Equal(1, summary.Scored);
            Assert.True(server.Requests.TryPeek(out var req));
            Assert.Equal("Bearer " + key, req.Authorization);
            Assert.DoesNotContain(key, log.ToString(), StringComparison.Ordinal);
            foreach (string f in Directory.EnumerateFiles(Dir.Combine("evals"), "*", SearchOption.AllDirectories))
            {
                Assert.DoesNotContain(key, File.ReadAllText(f), StringComparison.Ordinal);
            }
            Assert.Equal("fake-vlm-1", judge.Identity["model"]);
            Assert.Equal(JudgePrompt.TemplateHash, judge.Identity["prompt_template_sha256"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GAPLENS_TEST_API_KEY", null);
        }
    }
}
