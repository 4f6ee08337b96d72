using GapLens.Core;
using Microsoft.Extensions.AI;

namespace GapLens.Video.Encoders;

/// <summary>
/// The shared core of the endpoint encoders: batched calls to an
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/> (an OpenAI-compatible /v1/embeddings client,
/// built with retries by the endpoint pipeline), one vector per input checked (count, dimension,
/// finite, not all zero) and L2-normalised.
/// </summary>
internal sealed class GeneratorEncoding(IEmbeddingGenerator<string, Embedding<float>> generator, GeneratorEncoderOptions options)
{
    public string Name { get; } = options.Name ?? Describe(generator);

    /// <summary>What the vectors depend on, for identities (resume checks, the <c>encoder</c> metadata of
    /// prepared files): the model id the generator sends, without the server's address (the same model
    /// served from another host or port gives the same vectors; a port that changes between runs must not
    /// redo them); the <see cref="Name"/> when the generator does not say its model.</summary>
    public string Model { get; } = generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId is { Length: > 0 } id ? "model " + id : options.Name ?? Describe(generator);

    public async Task<IReadOnlyList<float[]>> EncodeAsync(IReadOnlyList<string> inputs, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        var all = new List<float[]>(inputs.Count);
        for (int start = 0; start < inputs.Count; start += options.MaxBatchSize)
        {
            var batch = inputs.Skip(start).Take(options.MaxBatchSize).ToList();
            var result = await generator.GenerateAsync(batch, null, ct).ConfigureAwait(false);
            if (result.Count != batch.Count)
                throw new UserInputException($"embeddings endpoint {Name} returned {result.Count} embeddings for {batch.Count} inputs");
            foreach (var e in result)
            {
                var v = Vectors.Normalized(e.Vector.Span, $"embeddings endpoint {Name}");
                if (all.Count > 0 && v.Length != all[0].Length)
                    throw new UserInputException($"embeddings endpoint {Name} returned embeddings of dimension {all[0].Length} and {v.Length}");
                all.Add(v);
            }
        }
        return all;
    }

    private static string Describe(IEmbeddingGenerator<string, Embedding<float>> generator)
    {
        var meta = generator.GetService<EmbeddingGeneratorMetadata>();
        return meta is null ? generator.GetType().Name : $"{meta.ProviderUri?.ToString() ?? meta.ProviderName} {meta.DefaultModelId}".Trim();
    }
}
