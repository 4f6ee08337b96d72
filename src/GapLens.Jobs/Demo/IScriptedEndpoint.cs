using System.Text.Json;

namespace GapLens.Jobs.Demo;

/// <summary>
/// The replies of a local, deterministic stand-in for an OpenAI-compatible model server (the demo's
/// scripted video-QA model): each method gets a request body and returns the JSON body of the reply.
/// Served over HTTP by an <see cref="IScriptedEndpointHost"/>.
/// </summary>
public interface IScriptedEndpoint
{
    /// <summary>The one model id GET /v1/models lists.</summary>
    string ModelId { get; }

    /// <summary>POST /v1/chat/completions.</summary>
    string ChatCompletion(JsonElement request);

    /// <summary>POST /v1/embeddings.</summary>
    string Embeddings(JsonElement request);
}
