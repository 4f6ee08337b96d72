using System.Net;
using System.Text;
using System.Text.Json;
using GapLens.Jobs.Demo;
using GapLens.Web.Scripted;

namespace GapLens.Web.Tests;

/// <summary>
/// The demo's scripted model server over real HTTP: it listens on 127.0.0.1 only, answers the three
/// OpenAI-compatible routes from the scripted endpoint, a body that is not JSON is a 400 with an
/// OpenAI-style error, and anything else a 404; GapLens' own endpoint pipeline talks to it.
/// </summary>
public sealed class ScriptedEndpointWebHostTests
{
    private sealed class Echo : IScriptedEndpoint
    {
        public string ModelId => "echo-\"1\"";

        public string ChatCompletion(JsonElement request) => JsonSerializer.Serialize(new Dictionary<string, string> { ["seen"] = request.GetProperty("messages")[0].GetProperty("content").GetString()! });

        public string Embeddings(JsonElement request) => throw new KeyNotFoundException("no input");
    }

    [Fact]
    public async Task ItServesTheScriptedRepliesOnLoopbackAndRefusesWhatItCannotRead()
    {
        await using var server = await new ScriptedEndpointWebHost().StartAsync(new Echo(), CancellationToken.None);
        Assert.StartsWith("http://127.0.0.1:", server.BaseUrl, StringComparison.Ordinal);
        Assert.EndsWith("/v1", server.BaseUrl, StringComparison.Ordinal);
        using var http = new HttpClient();
        using var models = await http.GetAsync(server.BaseUrl + "/models");
        Assert.Equal("echo-\"1\"", JsonDocument.Parse(await models.Content.ReadAsStringAsync()).RootElement.GetProperty("data")[0].GetProperty("id").GetString());
        using var chat = await http.PostAsync(server.BaseUrl + "/chat/completions", new StringContent("""{"messages":[{"role":"user","content":"hé"}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, chat.StatusCode);
        Assert.Equal("hé", JsonDocument.Parse(await chat.Content.ReadAsStringAsync()).RootElement.GetProperty("seen").GetString());
        using var garbage = await http.PostAsync(server.BaseUrl + "/chat/completions", new StringContent("not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
        Assert.Contains("not JSON", JsonDocument.Parse(await garbage.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        using var malformed = await http.PostAsync(server.BaseUrl + "/embeddings", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        using var other = await http.GetAsync(server.BaseUrl + "/files");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task GapLensEndpointPipelineGetsTheScriptedModelsToolCallsAndEmbeddings()
    {
        await using var server = await new ScriptedEndpointWebHost().StartAsync(new ScriptedVideoQaModel(), CancellationToken.None);
        using var endpoint = await GapLens.Endpoints.ModelEndpoint.ConnectAsync(new GapLens.Endpoints.EndpointOptions(server.BaseUrl) { ApiKeyEnv = DemoJob.ScriptedKeyEnv },
            new GapLens.IO.Logging.RunLog(TextWriter.Null, GapLens.IO.Logging.LogLevel.Error), CancellationToken.None);
        Assert.Equal(ScriptedVideoQaModel.Model, endpoint.ModelId);
        var embeddings = await endpoint.CreateEmbeddingGenerator(null).GenerateAsync(["the blue screen"]);
        Assert.Equal([0f, 0f, 1f, 0f, 0f, 0f, 0f], embeddings[0].Vector.ToArray());
        var chat = endpoint.CreateChatClient();
        var reply = await chat.GetResponseAsync([new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User,
            "The video has 10 frames (ID 1 to 10) and is 10 seconds long. Please answer this question:\nWhat follows the blue?\n(A) red\n(B) grey")],
            new Microsoft.Extensions.AI.ChatOptions { Tools = GapLens.Video.Agent.AgentPrompt.Tools(10) });
        var call = Assert.Single(reply.Messages.SelectMany(m => m.Contents).OfType<Microsoft.Extensions.AI.FunctionCallContent>());
        Assert.Equal("get_frames_by_similarity", call.Name);
        Assert.Equal("What follows the blue?", call.Arguments!["query"]!.ToString());
        Assert.True(reply.Usage?.InputTokenCount > 0);
    }
}
