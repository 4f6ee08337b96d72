using System.Text.Json;
using GapLens.IO.Logging;
using GapLens.IO.Media;
using GapLens.Judging.Judges;
using GapLens.Judging.Runs;
using GapLens.Testing;
using SkiaSharp;

namespace GapLens.Judging.Tests;

/// <summary>The VLM judge against a real local OpenAI-compatible HTTP server with injected faults.</summary>
public sealed class OpenAiJudgeTests : TempDirTest
{
    private JudgeInput Input()
    {
        string Png(string name, SKColor color)
        {
            using var s = SKSurface.Create(new SKImageInfo(16, 16));
            s.Canvas.Clear(color);
            using var i = s.Snapshot();
            using var d = i.Encode(SKEncodedImageFormat.Png, 100);
            string p = Dir.Combine(name);
            File.WriteAllBytes(p, d.ToArray());
            return p;
        }
        return new JudgeInput("maze_task", "solve the maze", Png("first.png", SKColors.Red), Png("final.png", SKColors.Green), Png("last.png", SKColors.Blue), null);
    }

    /// <summary>A judge on the test server; a generous request timeout so a loaded machine never turns a
    /// normal reply into a retry (only the hang test shortens it).</summary>
    private static Task<OpenAiJudge> Judge(FakeOpenAiServer server, string? cache = null, int retries = 3, double timeoutSeconds = 10) =>
        OpenAiJudge.CreateAsync(new OpenAiJudgeOptions(server.BaseUrl, Timeout: TimeSpan.FromSeconds(timeoutSeconds), MaxRetries: retries, CacheDir: cache), CancellationToken.None);

    [Fact]
    public async Task SendsTheThreeImagesInOrderAtTemperatureZeroToTheFirstListedModel()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(new FakeOpenAiServer.Reply(200, """Sure: ```json {"solution_correctness_score": 5, "explanation": "solved"} ```"""));
        var judge = await Judge(server);
        var input = Input();
        var outcome = await judge.JudgeAsync(input, CancellationToken.None);
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
            new FakeOpenAiServer.Reply(429, RetryAfterSeconds: 0.2),
            new FakeOpenAiServer.Reply(500),
            new FakeOpenAiServer.Reply(200, """{"solution_correctness_score": 3, "explanation": "late"}""", Delay: TimeSpan.FromSeconds(8)),
            new FakeOpenAiServer.Reply(200, """{"solution_correctness_score": 3, "explanation": "ok"}"""));
        var judge = await Judge(server, timeoutSeconds: 2);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var outcome = await judge.JudgeAsync(Input(), CancellationToken.None);
        Assert.Equal((3, "ok"), (outcome.Score, outcome.Explanation));
        Assert.Equal(4, server.Requests.Count);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2.2), "Retry-After and the 2 s timeout were waited for");
    }

    [Fact]
    public async Task GivingUpAfterTheRetriesIsAFailureNotAScore()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = new FakeOpenAiServer.Reply(503);
        var outcome = await (await Judge(server, retries: 1)).JudgeAsync(Input(), CancellationToken.None);
        Assert.Null(outcome.Score);
        Assert.Equal("HTTP 503 after 2 attempts", outcome.Failure);
    }

    [Theory]
    [InlineData("The final frame looks right to me.", "reply has no JSON object")]
    [InlineData("""{"solution_correctness_score": 7, "explanation": "x"}""", "must be 1-5, got 7")]
    [InlineData("""{"solution_correctness_score": "4", "explanation": "x"}""", "must be an integer 1-5, got \"4\"")]
    [InlineData("I'm sorry, but I can't help with that.", "reply has no JSON object")]
    [InlineData("""{"score": 4}""", "has no \"solution_correctness_score\"")]
    public async Task BadRepliesAreJudgeFailuresThatKeepTheRawReply(string reply, string expected)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(new FakeOpenAiServer.Reply(200, reply));
        var outcome = await (await Judge(server)).JudgeAsync(Input(), CancellationToken.None);
        Assert.Null(outcome.Score);
        Assert.Contains(expected, outcome.Failure, StringComparison.Ordinal);
        Assert.Equal(reply, outcome.RawReply);
    }

    [Fact]
    public async Task CachedResponsesAreNotRequestedAgain()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var judge = await Judge(server, Dir.Combine("cache"));
        var input = Input();
        var a = await judge.JudgeAsync(input, CancellationToken.None);
        var b = await judge.JudgeAsync(input, CancellationToken.None);
        Assert.Equal(a, b);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task TheApiKeyIsSentButNeverWrittenOrLogged()
    {
        const string key = "sk-gaplens-test-SECRET-4242";
        Environment.SetEnvironmentVariable("GAPLENS_TEST_API_KEY", key);
        try
        {
            await using var server = await FakeOpenAiServer.StartAsync();
            string run = Dir.Combine("outputs", "exp", "m", "maze_task", "maze_0000", "r1");
            var input = Input();
            Directory.CreateDirectory(Path.Combine(run, "question"));
            File.Copy(input.FirstFramePng, Path.Combine(run, "question", "first_frame.png"));
            File.Copy(input.FinalFramePng!, Path.Combine(run, "question", "final_frame.png"));
            Directory.CreateDirectory(Path.Combine(run, "video"));
            string frames = Dir.Combine("frames");
            Directory.CreateDirectory(frames);
            for (int k = 0; k < 3; k++) File.Copy(input.LastFramePng, Path.Combine(frames, $"f{k}.png"));
            await FfmpegFrames.WriteVideoAsync(Path.Combine(frames, "f%d.png"), Path.Combine(run, "video", "v.mp4"), 3, CancellationToken.None);
            var judge = await OpenAiJudge.CreateAsync(new OpenAiJudgeOptions(server.BaseUrl, ApiKeyEnv: "GAPLENS_TEST_API_KEY", CacheDir: Dir.Combine("evals", "vision-eval", "_cache")), CancellationToken.None);
            var log = new StringWriter();
            var summary = await JudgeRunner.RunAsync(judge, new JudgeRunOptions(Dir.Combine("outputs"), Dir.Combine("evals")), new RunLog(log, LogLevel.Debug), null, null, CancellationToken.None);
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
