using Microsoft.Extensions.AI;

namespace GapLens.Video.Encoders;

/// <summary>
/// Text embeddings from an OpenAI-compatible /v1/embeddings endpoint, through an injected
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (the endpoint pipeline builds it with retries
/// and fail-fast on 401). Batched, L2-normalised; thread-safe when the generator is.
/// </summary>
public sealed class GeneratorTextEncoder(IEmbeddingGenerator<string, Embedding<float>> generator, GeneratorEncoderOptions? options = null) : ITextEncoder
{
    private readonly GeneratorEncoding _encoding = new(generator ?? throw new ArgumentNullException(nameof(generator)), options ?? new GeneratorEncoderOptions());

    /// <summary>The kind and the model id (never the endpoint's address: see <see cref="GeneratorEncoding.Model"/>).</summary>
    public string Identity => "embeddings-endpoint-text:" + _encoding.Model;

    public Task<IReadOnlyList<float[]>> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return _encoding.EncodeAsync(texts, cancellationToken);
    }
}
