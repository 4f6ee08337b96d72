using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using GapLens.Core;
using GapLens.Endpoints;
using GapLens.Testing;
using Microsoft.Extensions.AI;
using Reply = GapLens.Testing.FakeOpenAiServer.Reply;

namespace GapLens.Endpoints.Tests;

/// <summary>The pipeline against a real OpenAI-compatible HTTP server on 127.0.0.1 that injects faults.</summary>
public sealed class ModelEndpointTests : TempDirTest
{
    /// <summary>Every call of a test ends well before this, or the test fails instead of hanging.</summary>
    private static CancellationToken Bounded() => new CancellationTokenSource(TimeSpan.FromSeconds(90)).Token;

    /// <summary>Fast retries; a generous attempt timeout so a loaded machine never turns a reply into a retry.</summary>
    private static EndpointOptions Options(string baseUrl) => new(baseUrl)
    {
        Model = "fake-vlm-1",
        AttemptTimeout = TimeSpan.FromSeconds(20),
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        MaxWait = TimeSpan.FromSeconds(1),
    };

    private static Task<ChatResponse> AskAsync(IChatClient chat, string text) =>
        chat.GetResponseAsync([new ChatMessage(ChatRole.User, text)], new ChatOptions { Temperature = 0 }, Bounded());

    [Fact]
    public async Task AtConcurrencyEightWithAThirdOfConnectionsDroppedEveryCallEndsWithTheServersReply()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.DropShare = 1.0 / 3;
        server.Seed(7);
        server.Default = new Reply(200, "the server's reply");
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl) with { MaxRetries = 12 }, Bounded());
        var chat = endpoint.CreateChatClient();
        var replies = new string[48];
        await Parallel.ForEachAsync(Enumerable.Range(0, replies.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            replies[i] = (await AskAsync(chat, $"item {i}")).Text);
        Assert.All(replies, r => Assert.Equal("the server's reply", r));
        Assert.True(server.Dropped >= 5, $"the server dropped {server.Dropped} connections");
        Assert.Equal(replies.Length + server.Dropped, server.Requests.Count);
    }

    [Fact]
    public async Task A401FailsAtOnceWithOneLineNamingTheEndpointAndTheKeyVariable()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl) with { ApiKeyEnv = "GAPLENS_TEST_UNSET_KEY_401" }, Bounded());
        await AskAsync(endpoint.CreateChatClient(), "warm-up: the clock measures the failure, not the first call's JIT");
        while (server.Requests.TryDequeue(out _)) { }
        server.Default = new Reply(401);
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<EndpointUnavailableException>(() => AskAsync(endpoint.CreateChatClient(), "hi"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Equal(UnavailableReason.Unauthorized, ex.Reason);
        Assert.Equal(
            $"HTTP 401 Unauthorized from {server.BaseUrl}/chat/completions: the API key was rejected (GAPLENS_TEST_UNSET_KEY_401 is not set); set GAPLENS_TEST_UNSET_KEY_401 to a valid key or name another variable with --api-key-env",
            ex.Message);
        Assert.Single(server.Requests);
        Assert.Equal(1, endpoint.Failures.Consecutive);
    }

    [Theory]
    [InlineData(400, false)]
    [InlineData(403, true)]
    [InlineData(404, true)]
    public async Task ClientErrorsAreNeverRetried(int status, bool unavailable)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = new Reply(status);
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl), Bounded());
        var ex = await Assert.ThrowsAnyAsync<EndpointException>(() => AskAsync(endpoint.CreateChatClient(), "hi"));
        Assert.Equal(unavailable, ex is EndpointUnavailableException);
        Assert.Equal(status, ex.StatusCode);
        Assert.StartsWith($"HTTP {status} ", ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.Equal(unavailable ? 1 : 0, endpoint.Failures.Consecutive);
    }

    [Fact]
    public async Task ServerErrorsAndRateLimitsAreRetriedUntilAReply()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(new Reply(500), new Reply(503), new Reply(429), new Reply(408), new Reply(200, "finally"));
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl), Bounded());
        Assert.Equal("finally", (await AskAsync(endpoint.CreateChatClient(), "hi")).Text);
        Assert.Equal(5, server.Requests.Count);
    }

    [Fact]
    public async Task ExhaustedRetriesFailTheCallWithTheStatusAndTheAttempts()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = new Reply(503);
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl) with { MaxRetries = 2 }, Bounded());
        var ex = await Assert.ThrowsAsync<EndpointException>(() => AskAsync(endpoint.CreateChatClient(), "hi"));
        Assert.Equal($"HTTP 503 Service Unavailable from {server.BaseUrl}/chat/completions: scripted 503; 3 attempts (--retries 2)", ex.Message);
        Assert.Equal(3, ex.Attempts);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task RetryAfterIsHonoured()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(new Reply(429, RetryAfterSeconds: 1), new Reply(200, "after the wait"));
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl) with { MaxWait = TimeSpan.FromSeconds(30) }, Bounded());
        var clock = Stopwatch.StartNew();
        Assert.Equal("after the wait", (await AskAsync(endpoint.CreateChatClient(), "hi")).Text);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"waited only {clock.Elapsed}");
    }

    [Fact]
    public async Task AHugeRetryAfterIsCappedByTheLongestWait()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(new Reply(429, RetryAfterSeconds: 100000), new Reply(503, RetryAfterSeconds: 100000), new Reply(200, "soon"));
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl) with { MaxWait = TimeSpan.FromSeconds(0.5) }, Bounded());
        var clock = Stopwatch.StartNew();
        Assert.Equal("soon", (await AskAsync(endpoint.CreateChatClient(), "hi")).Text);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"waited only {clock.Elapsed}");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"waited {clock.Elapsed}");
    }

    [Fact]
    public async Task AHangIsCutByTheAttemptTimeoutAndRetried()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(new Reply(200, "too late", Delay: TimeSpan.FromSeconds(30)), new Reply(200, "in time"));
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl) with { AttemptTimeout = TimeSpan.FromSeconds(1) }, Bounded());
        Assert.Equal("in time", (await AskAsync(endpoint.CreateChatClient(), "hi")).Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task TheTotalTimeoutBoundsACallWhateverTheRetries()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = new Reply(200, "never", Delay: TimeSpan.FromSeconds(60));
        var options = Options(server.BaseUrl) with { AttemptTimeout = TimeSpan.FromSeconds(0.3), TotalTimeout = TimeSpan.FromSeconds(1.5), MaxRetries = 100 };
        using var endpoint = await ModelEndpoint.ConnectAsync(options, Bounded());
        var clock = Stopwatch.StartNew();
        var ex = await Assert.ThrowsAsync<EndpointException>(() => AskAsync(endpoint.CreateChatClient(), "hi"));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Contains("within the total time of 1.5 s per call (--total-timeout)", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, Reply, string, string> MalformedReplies() => new()
    {
        { "html", Reply.Html(), "the body is not JSON, Content-Type text/html", "<!DOCTYPE html><html><head><title>502 Bad Gateway" },
        { "empty", Reply.EmptyBody(), "the body is empty", "" },
        { "invalid utf-8", Reply.InvalidUtf8(), "the body is not valid UTF-8", "\"content\":\"score \uFFFD(\uFFFD\"" },
        { "no choices", Reply.NoChoices(), "\"choices\" is empty", "\"choices\":[]" },
        { "not json", Reply.Raw("OK", "text/plain"), "the body is not JSON, Content-Type text/plain", "OK" },
        { "error object", Reply.Raw("""{"error": {"message": "upstream timeout"}}"""), "the body is an error: upstream timeout", "upstream timeout" },
    };

    [Theory]
    [MemberData(nameof(MalformedReplies))]
    public async Task AMalformed200FailsOnlyThatCallWithTheRawBodyKept(string name, Reply bad, string problem, string rawPart)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(bad, new Reply(200, "next one fine"));
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl), Bounded());
        var chat = endpoint.CreateChatClient();
        var ex = await Assert.ThrowsAsync<MalformedReplyException>(() => AskAsync(chat, name));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.StartsWith($"HTTP 200 from {server.BaseUrl}/chat/completions is not a reply: ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(rawPart, ex.RawBody, StringComparison.Ordinal);
        Assert.True(ex.BodyComplete);
        Assert.Equal("next one fine", (await AskAsync(chat, "next")).Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AReplyOverTheLimitFailsWithoutBeingReadWhole(bool declared)
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(Reply.Huge(8L << 30, declared), new Reply(200, "small"));
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl) with { MaxReplyBytes = 256 * 1024 }, Bounded());
        var chat = endpoint.CreateChatClient();
        var ex = await Assert.ThrowsAsync<MalformedReplyException>(() => AskAsync(chat, "hi"));
        Assert.False(ex.BodyComplete);
        Assert.Contains(declared ? "the reply declares 8589934592 bytes, more than the limit of 262144" : "the reply is larger than the limit of 262144 bytes", ex.Message, StringComparison.Ordinal);
        Assert.True(ex.BodyBytes <= 256 * 1024);
        Assert.Equal("small", (await AskAsync(chat, "next")).Text);
    }

    [Fact]
    public async Task AnUnreachableEndpointIsUnavailableAfterTheRetries()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var endpoint = await ModelEndpoint.ConnectAsync(Options($"http://127.0.0.1:{port}/v1") with { MaxRetries = 2 }, Bounded());
        var ex = await Assert.ThrowsAsync<EndpointUnavailableException>(() => AskAsync(endpoint.CreateChatClient(), "hi"));
        Assert.Equal(UnavailableReason.Unreachable, ex.Reason);
        Assert.Equal(3, ex.Attempts);
        Assert.StartsWith($"cannot reach http://127.0.0.1:{port}/v1/chat/completions (", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("; 3 attempts (--retries 2); check --base-url and that the server is running", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, endpoint.Failures.Consecutive);
    }

    [Fact]
    public async Task WithoutAModelTheFirstListedOneIsUsed()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl) with { Model = null }, Bounded());
        Assert.Equal("fake-vlm-1", endpoint.ModelId);
        await AskAsync(endpoint.CreateChatClient(), "hi");
        Assert.True(server.Requests.TryDequeue(out var req));
        Assert.Equal("fake-vlm-1", req.Body.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task AFailedModelListingIsAUserErrorThatSaysToPassModel()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.ModelsReply = new Reply(401);
        var ex = await Assert.ThrowsAsync<UserInputException>(() => ModelEndpoint.ConnectAsync(Options(server.BaseUrl) with { Model = null, ApiKeyEnv = "GAPLENS_TEST_UNSET_KEY_M" }, Bounded()));
        Assert.StartsWith($"HTTP 401 Unauthorized from {server.BaseUrl}/models: the API key was rejected", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith("(listing the models because --model was not given)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARepeatedCallIsServedFromTheCache()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl), Bounded());
        var chat = endpoint.CreateChatClient(Dir.Combine("cache"));
        var a = await AskAsync(chat, "same");
        var b = await AskAsync(chat, "same");
        await AskAsync(chat, "different");
        Assert.Equal(a.Text, b.Text);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(2, Directory.GetFiles(Dir.Combine("cache"), "*.json", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public async Task TheCacheKeyChangesWithTheBaseUrl()
    {
        await using var serverA = await FakeOpenAiServer.StartAsync();
        await using var serverB = await FakeOpenAiServer.StartAsync();
        serverA.Default = new Reply(200, "from A");
        serverB.Default = new Reply(200, "from B");
        string cache = Dir.Combine("cache");
        using var a = await ModelEndpoint.ConnectAsync(Options(serverA.BaseUrl), Bounded());
        using var b = await ModelEndpoint.ConnectAsync(Options(serverB.BaseUrl), Bounded());
        Assert.Equal("from A", (await AskAsync(a.CreateChatClient(cache), "same question")).Text);
        Assert.Equal("from B", (await AskAsync(b.CreateChatClient(cache), "same question")).Text);
        Assert.Single(serverA.Requests);
        Assert.Single(serverB.Requests);
    }

    [Fact]
    public async Task OnlyRepliesTheCallerAcceptsAreCached()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(new Reply(200, "rejected"), new Reply(200, "accepted"));
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl), Bounded());
        var chat = endpoint.CreateChatClient(Dir.Combine("cache"), r => r.Text == "accepted");
        Assert.Equal("rejected", (await AskAsync(chat, "q")).Text);
        Assert.Equal("accepted", (await AskAsync(chat, "q")).Text);
        Assert.Equal("accepted", (await AskAsync(chat, "q")).Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task FailedCallsAreNotCached()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(Reply.NoChoices(), new Reply(200, "good"));
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl), Bounded());
        var chat = endpoint.CreateChatClient(Dir.Combine("cache"));
        await Assert.ThrowsAsync<MalformedReplyException>(() => AskAsync(chat, "q"));
        Assert.False(Directory.Exists(Dir.Combine("cache")) && Directory.EnumerateFiles(Dir.Combine("cache"), "*", SearchOption.AllDirectories).Any());
        Assert.Equal("good", (await AskAsync(chat, "q")).Text);
    }

    [Fact]
    public async Task CredentialsInTheBaseUrlReachNoMessageNameOrCacheFile()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        string withSecret = server.BaseUrl.Replace("http://", "http://alice:hunter2@", StringComparison.Ordinal);
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(withSecret), Bounded());
        Assert.Equal(server.BaseUrl.Replace("http://", "http://***@", StringComparison.Ordinal), endpoint.BaseUrl);
        string cache = Dir.Combine("cache");
        await AskAsync(endpoint.CreateChatClient(cache), "hi");
        server.Default = new Reply(401);
        var ex = await Assert.ThrowsAsync<EndpointUnavailableException>(() => AskAsync(endpoint.CreateChatClient(cache), "another"));
        Assert.DoesNotContain("hunter2", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", ex.Endpoint, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", endpoint.Options.ToString(), StringComparison.Ordinal);
        foreach (string f in Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("hunter2", f, StringComparison.Ordinal);
            Assert.DoesNotContain("hunter2", File.ReadAllText(f), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AToolCallRoundTripGoesThroughThePipeline()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(Reply.Calls(new FakeOpenAiServer.ToolCall("frame_at", """{"seconds": 3}""", "call_7")), new Reply(200, "The ball is red."));
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl), Bounded());
        var asked = new List<double>();
        var tool = AIFunctionFactory.Create((double seconds) =>
        {
            asked.Add(seconds);
            return $"frame at {seconds} s: a red ball";
        }, "frame_at", "The video frame at a time.");
        var chat = new ChatClientBuilder(endpoint.CreateChatClient()).UseFunctionInvocation().Build();
        var response = await chat.GetResponseAsync("What colour is the ball?", new ChatOptions { Tools = [tool], Temperature = 0 }, Bounded());
        Assert.Equal("The ball is red.", response.Text);
        Assert.Equal([3.0], asked);
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.Equal("frame_at", requests[0].Body.RootElement.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        var toolMessage = requests[1].Body.RootElement.GetProperty("messages").EnumerateArray().Single(m => m.GetProperty("role").GetString() == "tool");
        Assert.Equal("call_7", toolMessage.GetProperty("tool_call_id").GetString());
        Assert.Contains("a red ball", toolMessage.GetProperty("content").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbeddingsGoThroughTheSamePipeline()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Enqueue(new Reply(503), Reply.Dropped());
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl), Bounded());
        var embed = endpoint.CreateEmbeddingGenerator("fake-embed-1");
        var vectors = await embed.GenerateAsync(["ab", "cde"], cancellationToken: Bounded());
        Assert.Equal(2, vectors.Count);
        Assert.Equal([2f, 0f, 0.5f], vectors[0].Vector.ToArray());
        Assert.Equal([3f, 1f, 0.5f], vectors[1].Vector.ToArray());
        Assert.Equal(3, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal("/v1/embeddings", r.Path));
        Assert.Equal("fake-embed-1", server.Requests.Last().Body.RootElement.GetProperty("model").GetString());
    }

    [Fact]
    public async Task EmbeddingsFailFastOnAuthenticationToo()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = new Reply(401);
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl), Bounded());
        var ex = await Assert.ThrowsAsync<EndpointUnavailableException>(() => endpoint.CreateEmbeddingGenerator().GenerateAsync(["x"], cancellationToken: Bounded()));
        Assert.StartsWith($"HTTP 401 Unauthorized from {server.BaseUrl}/embeddings", ex.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ThreeUnavailableCallsInARowAskTheRunToStop()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = new Reply(401);
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl), Bounded());
        var chat = endpoint.CreateChatClient();
        for (int i = 0; i < 2; i++) await Assert.ThrowsAsync<EndpointUnavailableException>(() => AskAsync(chat, "x"));
        Assert.False(endpoint.Failures.ShouldStop);
        await Assert.ThrowsAsync<EndpointUnavailableException>(() => AskAsync(chat, "x"));
        Assert.True(endpoint.Failures.ShouldStop);
        server.Default = new Reply(200, "back");
        await AskAsync(chat, "x");
        Assert.Equal(0, endpoint.Failures.Consecutive);
    }

    [Fact]
    public async Task CancellingACallIsACancellationNotAFailure()
    {
        await using var server = await FakeOpenAiServer.StartAsync();
        server.Default = new Reply(200, "slow", Delay: TimeSpan.FromSeconds(30));
        using var endpoint = await ModelEndpoint.ConnectAsync(Options(server.BaseUrl), Bounded());
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            endpoint.CreateChatClient().GetResponseAsync("hi", cancellationToken: cts.Token));
        Assert.Equal(0, endpoint.Failures.Consecutive);
    }
}
