namespace GapLens.Endpoints;

/// <summary>The command-line options that set an endpoint, named in its error messages: a message
/// about the embeddings endpoint of <c>videoqa prepare</c> names --embeddings-url, not --base-url.</summary>
/// <param name="Url">Sets the base URL.</param>
/// <param name="Model">Sets the model id.</param>
/// <param name="KeyEnv">Names the API key's environment variable.</param>
/// <param name="Retries">Sets the retries, or null when the command has no such option.</param>
public sealed record EndpointFlags(string Url, string Model, string KeyEnv, string? Retries = "--retries")
{
    /// <summary>The chat model of judge and videoqa run.</summary>
    public static EndpointFlags Chat { get; } = new("--base-url", "--model", "--api-key-env");

    /// <summary>The embeddings endpoint of videoqa run (its --retries applies to both endpoints).</summary>
    public static EndpointFlags Embeddings { get; } = new("--embeddings-url", "--embeddings-model", "--embeddings-api-key-env");

    /// <summary>The embeddings endpoint of videoqa prepare, which has no --retries.</summary>
    public static EndpointFlags PrepareEmbeddings { get; } = Embeddings with { Retries = null };
}
