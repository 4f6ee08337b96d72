using System.Text.Json;
using GapLens.IO.Files;
using GapLens.Testing;
using Question = GapLens.Testing.VideoQaFixture.Question;

namespace GapLens.Cli.Tests;

/// <summary>`gaplens videoqa run` and `videoqa metrics` as a user runs them, against a scripted
/// tool-calling server on 127.0.0.1: the report, the run records, malformed input (exit 2, one line),
/// and a SIGKILL in the middle of a run followed by a rerun.</summary>
public sealed class VideoQaCliTests : TempDirTest
{
    private static Question Q(int i, string answer = "A") => new($"u{i}", i % 2 == 0 ? "v1" : "v2", VideoQaFixture.Text($"Question {i}: which colour?"), answer);

    private string[] RunArgs(FakeOpenAiServer server, string data, params string[] more) =>
    [
        "videoqa", "run", "--data", data, "--frames", "frames", "--embeddings", "embeddings", "--base-url", server.BaseUrl, "--model", "fake-vlm-1",
        "--embeddings-url", server.BaseUrl, "--embeddings-model", "fake-embed-1", "--out", "run", "--max-wait", "0.2", .. more,
    ];

    private List<string> ResultUids() => [.. File.ReadAllLines(Dir.Combine("run", "results.jsonl"))
        .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("item_id").GetString()!)];

    [Fact]
    public async Task RunAnswersEveryQuestionWritesTheReportAndMetricsRecomputesIt()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = VideoQaScript.Standard(q => q.Contains("Question 1:", StringComparison.Ordinal) ? "B" : "A");
        string data = VideoQaFixture.Write(Dir.Path, [.. Enumerable.Range(1, 4).Select(i => Q(i))]);

        var r = CliRunner.Run(Dir.Path, RunArgs(server, data, "--concurrency", "3"));

        Assert.True(r.ExitCode == 0, r.Stderr);
        Assert.Contains("Accuracy 75.0%", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("Report: " + Dir.Combine("run", "report", "report.html"), r.Stdout, StringComparison.Ordinal);
        Assert.Equal(["u1", "u2", "u3", "u4"], ResultUids().Order(StringComparer.Ordinal));
        var record = RunManifestTests.AssertValid(Directory.GetFiles(Dir.Combine("run", "_runs")).Single());
        Assert.Equal("videoqa run", record.GetProperty("verb").GetString());
        Assert.Equal("passed", record.GetProperty("outcome").GetProperty("status").GetString());
        RunManifestTests.AssertValid(Dir.Combine("run", "report", OutputSet.ManifestName));
        Assert.Empty(OutputSet.Check(Dir.Combine("run", "report")));
        string html = File.ReadAllText(Dir.Combine("run", "report", "report.html"));
        Assert.Contains("uid u1", html, StringComparison.Ordinal);
        Assert.DoesNotContain("src=\"http", html, StringComparison.Ordinal);

        var m = CliRunner.Run(Dir.Path, "videoqa", "metrics", "--results", "run", "--out", "metrics", "--tolerance", "0");
        Assert.True(m.ExitCode == 0, m.Stderr);
        using var report = JsonDocument.Parse(File.ReadAllBytes(Dir.Combine("metrics", "report.json")));
        var headline = report.RootElement.GetProperty("sections")[0].GetProperty("blocks")[0].GetProperty("metrics");
        Assert.Equal(0.75, headline[0].GetProperty("value").GetDouble());
        Assert.Equal(4, File.ReadAllLines(Dir.Combine("metrics", "samples.jsonl")).Length);
    }

    [Theory]
    [InlineData(401, "--embeddings-api-key-env")]
    [InlineData(404, "--embeddings-url")]
    [InlineData(500, "/v1/embeddings")]
    public async Task RunWhoseEmbeddingsEndpointFailsItsFirstCallIsExit2InOneLine(int status, string option)
    {
        // Found by the second fresh-eye pass: the check of the text encoder before the run let the
        // endpoint's failure escape as an internal error (exit 3, a stack trace).
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = new FakeOpenAiServer.Reply(status, """{"error": {"message": "no"}}""");
        string data = VideoQaFixture.Write(Dir.Path, [Q(1)]);
        var env = new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-secret-123" };

        var r = CliRunner.Run(Dir.Path, env, RunArgs(server, data, "--retries", "0"));

        Assert.True(r.ExitCode == 2, r.Stderr);
        Assert.Single(r.StderrLines, l => l.Contains($"HTTP {status}", StringComparison.Ordinal) && l.Contains("no question was asked", StringComparison.Ordinal));
        Assert.Contains(option, r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret-123", r.Stderr + r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrepareAgainstAnEmbeddingsEndpointThatRejectsTheKeyIsExit2InOneLineNamingItsOwnOption()
    {
        // Found by the fresh-eye attack: the 401 escaped as an internal error (exit 3, a stack trace)
        // and the message named --api-key-env, an option of videoqa run, not of prepare.
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = new FakeOpenAiServer.Reply(401, """{"error": {"message": "bad key"}}""");
        Directory.CreateDirectory(Dir.Combine("vids"));
        string mp4 = Directory.EnumerateFiles(ScopeAndIdentityCliTests.Samples("vmeval", "data", "outputs"), "*.mp4", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        File.Copy(mp4, Dir.Combine("vids", "clip.mp4"));
        var env = new Dictionary<string, string> { ["OPENAI_API_KEY"] = "sk-secret-123" };

        var r = CliRunner.Run(Dir.Path, env, "--verbose", "videoqa", "prepare", "--videos", "vids", "--out", "prep", "--fps", "0.5",
            "--embeddings-url", server.BaseUrl, "--embeddings-model", "fake-embed-1");

        Assert.True(r.ExitCode == 2, r.Stderr);
        var errors = r.StderrLines.Where(l => l.Contains("HTTP 401", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 1, r.Stderr);
        Assert.Contains("--embeddings-api-key-env", errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain(" --api-key-env", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret-123", r.Stderr + r.Stdout, StringComparison.Ordinal);
        Assert.Equal("Execution status: FAIL", r.LastStdoutLine);
    }

    [Theory]
    [InlineData("[{\"key\": \"v1\", \"uid\": \"u1\", \"question\": 5, \"answer\": \"A\"}]", "data.json item 1: ", "\"question\" must be a string, got a number 5")]
    [InlineData("{\"key\": \"v1\", \"qa\": [{\"uid\": \"u1\", \"question\": \"q\", \"answer\": \"A\"}]}\n{not json\n", "data.json:2: not a JSON object", "LVBench's video_info.meta.jsonl")]
    [InlineData("", "is empty", "expected a JSON array of questions")]
    [InlineData("[{\"key\": \"v1\", \"uid\": \"u1\", \"question\": \"q\", \"answer\": \"A\", \"video_info\": {\"duration_minutes\": -3}}]", "duration_minutes must be a positive number", "-3")]
    public async Task AMalformedDataFileIsExit2WithOneLineNamingWhereAndWhat(string content, string where, string what)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        VideoQaFixture.Write(Dir.Path, [Q(1)]);
        File.WriteAllText(Dir.Combine("data.json"), content);

        var r = CliRunner.Run(Dir.Path, RunArgs(server, "data.json"));

        Assert.Equal(2, r.ExitCode);
        var line = Assert.Single(r.StderrLines);
        Assert.Contains(where, line, StringComparison.Ordinal);
        Assert.Contains(what, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", r.Stderr, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task WithoutATextEncoderOrWithBadOptionsTheRunIsExit2BeforeAnyRequest()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        string data = VideoQaFixture.Write(Dir.Path, [Q(1)]);
        string[] noEncoder = ["videoqa", "run", "--data", data, "--frames", "frames", "--embeddings", "embeddings", "--base-url", server.BaseUrl, "--out", "run"];

        var a = CliRunner.Run(Dir.Path, noEncoder);
        var b = CliRunner.Run(Dir.Path, RunArgs(server, data, "--concurrency", "0"));
        var c = CliRunner.Run(Dir.Path, RunArgs(server, data, "--timeout", "NaN"));

        Assert.Equal((2, 2, 2), (a.ExitCode, b.ExitCode, c.ExitCode));
        Assert.StartsWith("similarity queries need a text encoder: --text-model", Assert.Single(a.StderrLines), StringComparison.Ordinal);
        Assert.Equal("--concurrency must be an integer in [1, 256], got 0", Assert.Single(b.StderrLines));
        Assert.Equal("--timeout must be a number in (0, 3600], got NaN", Assert.Single(c.StderrLines));
        var d = CliRunner.Run(Dir.Path, RunArgs(server, data, "--top-k", "five"));
        Assert.Equal(2, d.ExitCode);
        Assert.Equal("See 'gaplens videoqa run --help' for usage.", d.StderrLines[^1]);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task AResultsFileWithAGarbledLineInTheMiddleIsExit2NamingTheLine()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Responder = VideoQaScript.Standard(_ => "A");
        string data = VideoQaFixture.Write(Dir.Path, [Q(1), Q(2)]);
        Assert.Equal(0, CliRunner.Run(Dir.Path, RunArgs(server, data, "--no-report")).ExitCode);
        var lines = File.ReadAllLines(Dir.Combine("run", "results.jsonl"));
        File.WriteAllText(Dir.Combine("run", "results.jsonl"), lines[0] + "\n{\"item_id\": \"oops\"\n" + lines[1] + "\n");

        var r = CliRunner.Run(Dir.Path, "videoqa", "metrics", "--results", "run");

        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith(Dir.Combine("run", "results.jsonl") + ":2: not a video-QA result", Assert.Single(r.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunKilledWithSigkillThenRerunGivesExactlyOneResultPerQuestion()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        var standard = VideoQaScript.Standard(_ => "A");
        server.Responder = body => standard(body)! with { Delay = TimeSpan.FromMilliseconds(120) };
        string data = VideoQaFixture.Write(Dir.Path, [.. Enumerable.Range(1, 16).Select(i => Q(i))]);
        string results = Dir.Combine("run", "results.jsonl");

        using (var p = CliRunner.Start(Dir.Path, null, RunArgs(server, data, "--concurrency", "3")))
        {
            p.StandardInput.Close();
            _ = p.StandardOutput.ReadToEndAsync();
            _ = p.StandardError.ReadToEndAsync();
            var until = DateTime.UtcNow.AddSeconds(60);
            while (DateTime.UtcNow < until && !p.HasExited && (!File.Exists(results) || File.ReadAllLines(results).Length < 3)) await Task.Delay(20);
            Assert.False(p.HasExited, "the run ended before it could be killed");
            p.Kill(); // SIGKILL
            await p.WaitForExitAsync();
        }
        int before = ResultUids().Count;
        Assert.InRange(before, 3, 15);

        server.Responder = standard;
        var r = CliRunner.Run(Dir.Path, RunArgs(server, data, "--verbose"));

        Assert.True(r.ExitCode == 0, r.Stderr);
        var uids = ResultUids();
        Assert.Equal(16, uids.Count);
        Assert.Equal(16, uids.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains($"Resuming: {before} of 16 questions already have a result; {16 - before} to run", r.Stderr + r.Stdout, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(Dir.Combine("run", "_runs")).Length);
    }
}
