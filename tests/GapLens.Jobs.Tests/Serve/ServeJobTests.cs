using System.Text.Json;
using GapLens.Core;
using GapLens.IO.Logging;
using GapLens.Jobs.Serve;
using GapLens.Judging.Human;
using GapLens.Testing;

namespace GapLens.Jobs.Tests.Serve;

public sealed class ServeJobTests : TempDirTest
{
    /// <summary>Records what the job asked for instead of starting a web server.</summary>
    private sealed class FakeHost : IScoringHost
    {
        public ServeEndpoint? Endpoint { get; private set; }

        public bool Stopped { get; private set; }

        public Task<IScoringServer> StartAsync(HumanScoring scoring, ServeEndpoint endpoint, RunLog log, CancellationToken ct)
        {
            Endpoint = endpoint;
            return Task.FromResult<IScoringServer>(new Server(this, new Uri($"http://{(endpoint.Host.Contains(':', StringComparison.Ordinal) ? $"[{endpoint.Host}]" : endpoint.Host)}:4321/")));
        }

        private sealed class Server(FakeHost host, Uri address) : IScoringServer
        {
            public Uri Address => address;

            public ValueTask DisposeAsync()
            {
                host.Stopped = true;
                return ValueTask.CompletedTask;
            }
        }
    }

    private async Task<(JobOutcome Outcome, FakeHost Host, string Printed, string Log)> ServeUntilStartedAsync(ServeOptions options)
    {
        VmExperiment.Create(Dir.Path, "exp", ["m1"], ["maze_task"], 2, videos: false);
        var host = new FakeHost();
        var printed = new StringWriter();
        var log = new StringWriter();
        using var cts = new CancellationTokenSource();
        var record = new RunRecord("serve", ["serve", "--token", options.Token ?? "none"]);
        record.SetOptions(options.Describe());
        var run = new ServeJob(host, printed).RunAsync(options, new JobContext(new RunLog(TextWriter.Synchronized(log), LogLevel.Info), Dir.Path, null, record), cts.Token);
        string runs = Dir.Combine("evaluations", "human-eval", "_runs");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(Directory.Exists(runs) && Directory.GetFiles(runs, "*.json").Length > 0) && !run.IsCompleted && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.False(run.IsCompleted, "the server should keep running until it is cancelled");
        cts.Cancel();
        var outcome = await run;
        return (outcome, host, printed.ToString(), log.ToString());
    }

    [Fact]
    public async Task OnLoopbackItServesWithoutATokenUntilCancelledThenRecordsItsRun()
    {
        var (outcome, host, printed, log) = await ServeUntilStartedAsync(new ServeOptions("outputs", "evaluations", Port: 0));
        Assert.True(outcome.Passed);
        Assert.True(host.Stopped);
        Assert.Equal(new ServeEndpoint("127.0.0.1", 0, null), host.Endpoint);
        Assert.Contains("GapLens serve: 2 items (1 model(s), 1 task type(s)), 1 annotator(s) per item", printed, StringComparison.Ordinal);
        Assert.Contains("Open http://127.0.0.1:4321/   (Ctrl+C stops the server)", printed, StringComparison.Ordinal);
        Assert.Equal("served 2 items; 0 submission(s) saved while serving", outcome.Headline);
        Assert.StartsWith("Stopped: 0 submission(s) saved", Assert.Single(outcome.Summary), StringComparison.Ordinal);
        Assert.Contains("Stopping: finishing the requests in flight", log, StringComparison.Ordinal);
        string run = Assert.Single(outcome.Artifacts);
        using var m = JsonDocument.Parse(File.ReadAllBytes(run));
        Assert.Equal("passed", m.RootElement.GetProperty("outcome").GetProperty("status").GetString());
        Assert.Equal(Dir.Combine("evaluations", "human-eval", "_runs"), Path.GetDirectoryName(run));
        Assert.True(File.Exists(Dir.Combine("evaluations", "human-eval", "_store", HumanScoreStore.FileName)));
    }

    [Fact]
    public async Task OffLoopbackATokenIsGeneratedAndPrintedOnlyOnStandardOutput()
    {
        var (outcome, host, printed, log) = await ServeUntilStartedAsync(new ServeOptions("outputs", "evaluations", Host: "0.0.0.0", Port: 0));
        string token = host.Endpoint!.Token!;
        Assert.Matches("^[A-Za-z0-9_-]{32}$", token);
        Assert.Contains($"/?token={token}", printed, StringComparison.Ordinal);
        Assert.Contains(System.Net.Dns.GetHostName(), printed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(token, log, StringComparison.Ordinal);
        Assert.Contains("token=***", log, StringComparison.Ordinal);
        Assert.DoesNotContain(token, File.ReadAllText(Assert.Single(outcome.Artifacts)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithATokenAReviewerTokenIsGeneratedAndItsLinkPrintedApart()
    {
        var (outcome, host, printed, log) = await ServeUntilStartedAsync(new ServeOptions("outputs", "evaluations", Host: "0.0.0.0", Port: 0));
        string token = host.Endpoint!.Token!, review = host.Endpoint.ReviewToken!;
        Assert.Matches("^[A-Za-z0-9_-]{32}$", review);
        Assert.NotEqual(token, review);
        Assert.Contains($"/review?token={review}", printed, StringComparison.Ordinal);
        Assert.Contains("keep it from annotators", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(review, log, StringComparison.Ordinal);
        Assert.DoesNotContain(review, File.ReadAllText(Assert.Single(outcome.Artifacts)), StringComparison.Ordinal);

        // A given one is used as given; loopback without a token has neither.
        const string given = "reviewer-token-0123456789";
        var (_, withGiven, _, _) = await ServeUntilStartedAsync(new ServeOptions("outputs", "evaluations", Port: 0, Token: "given-token-0123456789", ReviewToken: given));
        Assert.Equal(given, withGiven.Endpoint!.ReviewToken);
        var (_, plain, plainPrinted, _) = await ServeUntilStartedAsync(new ServeOptions("outputs", "evaluations", Port: 0));
        Assert.Null(plain.Endpoint!.ReviewToken);
        Assert.DoesNotContain("reviewer", plainPrinted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", null, "reviewer-token-0123456789", "--review-token needs an access token: give --token too")]
    [InlineData("0.0.0.0", "same-token-0123456789", "same-token-0123456789", "--review-token must differ from --token")]
    [InlineData("0.0.0.0", null, "short", "--review-token must be 16-256 characters of letters, digits")]
    public void BadReviewTokensAreOneLineUserErrors(string host, string? token, string review, string message)
    {
        var ex = Assert.Throws<UserInputException>(() => new ServeOptions("o", "e", host, Token: token, ReviewToken: review).Validate());
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        // Taken from the environment, the message names the variable the user set.
        var fromEnv = Assert.Throws<UserInputException>(() => new ServeOptions("o", "e", host, Token: token, ReviewToken: review)
        {
            TokenOrigin = "$GAPLENS_TOKEN",
            ReviewTokenOrigin = "$GAPLENS_REVIEW_TOKEN",
        }.Validate());
        Assert.StartsWith(message.Replace("--review-token", "$GAPLENS_REVIEW_TOKEN", StringComparison.Ordinal).Replace("from --token", "from $GAPLENS_TOKEN", StringComparison.Ordinal), fromEnv.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGivenTokenIsUsedAndNeverRecorded()
    {
        const string token = "given-token-0123456789";
        var (outcome, host, _, _) = await ServeUntilStartedAsync(new ServeOptions("outputs", "evaluations", Port: 0, Token: token));
        Assert.Equal(token, host.Endpoint!.Token);
        string text = File.ReadAllText(Assert.Single(outcome.Artifacts));
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.Contains("\"token\": \"(given)\"", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("example.com", null, null, 1, 30.0, "--host must be an IP address (127.0.0.1, 0.0.0.0 for every interface, ::) or localhost, got 'example.com'")]
    [InlineData("127.0.0.1", 70000, null, 1, 30.0, "--port must be 0-65535 (0: any free port), got 70000")]
    [InlineData("127.0.0.1", null, "short", 1, 30.0, "--token must be 16-256 characters of letters, digits, '-', '_', '.' or '~' (it goes in a URL), got 5 characters")]
    [InlineData("127.0.0.1", null, "has spaces in it, sixteen+", 1, 30.0, "--token may hold only letters, digits, '-', '_', '.' and '~' (it goes in a URL); it has 6 other character(s)")]
    [InlineData("127.0.0.1", null, null, 0, 30.0, "--overlap must be 1-50 (annotators per item), got 0")]
    [InlineData("127.0.0.1", null, null, 1, 0.0, "--lease-minutes must be in (0, 1440], got 0")]
    [InlineData("127.0.0.1", null, null, 1, double.NaN, "--lease-minutes must be in (0, 1440], got NaN")]
    public void BadOptionsAreOneLineUserErrors(string host, int? port, string? token, int overlap, double lease, string message)
    {
        var ex = Assert.Throws<UserInputException>(() => new ServeOptions("o", "e", host, port, token, overlap, LeaseMinutes: lease).Validate());
        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("127.1.2.3", true)]
    [InlineData("::1", true)]
    [InlineData("localhost", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    [InlineData("192.168.1.20", false)]
    public void OnlyLoopbackAddressesServeWithoutAToken(string host, bool loopback) => Assert.Equal(loopback, new ServeOptions("o", "e", host).IsLoopback);
}
