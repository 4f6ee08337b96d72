namespace GapLens.Endpoints;

/// <summary>The command-line options that set an endpoint, named in its error messages: a message
/// about the embeddings endpoint of <c>videoqa prepare</c> names --embeddings-url, not --base-url.</summary>
public sealed record EndpointFlags(string Url, string Model, string KeyEnv)
{
    /// <summary>The chat model of judge and videoqa run.</summary>
    public static EndpointFlags Chat { get; } = new("--base-url", "--model", "--api-key-env");

    /// <summary>The embeddings endpoint of videoqa prepare and videoqa run.</summary>
    public static EndpointFlags Embeddings { get; } = new("--embeddings-url", "--embeddings-model", "--embeddings-api-key-env");
}
