using Microsoft.Extensions.AI;

namespace GapLens.Video.Tests.Encoders;

/// <summary>An in-process embedding generator: each input's vector comes from a function; every call's
/// inputs are recorded. <see cref="Drop"/> makes it return one embedding too few.</summary>
internal sealed class FakeEmbeddingGenerator(Func<string, float[]> embed) : IEmbeddingGenerator<string, Embedding<float>>
{
    public List<List<string>> Calls { get; } = [];

    public bool Drop { get; set; }

    /// <summary>The server and model the metadata names; a null model id = metadata without one.</summary>
    public Uri Provider { get; init; } = new("http://127.0.0.1:9/v1");

    public string? ModelId { get; init; } = "fake-embed";

    /// <summary>No <see cref="EmbeddingGeneratorMetadata"/> at all.</summary>
    public bool NoMetadata { get; init; }

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = values.ToList();
        lock (Calls) Calls.Add(list);
        var result = new GeneratedEmbeddings<Embedding<float>>(list.Skip(Drop ? 1 : 0).Select(v => new Embedding<float>(embed(v))));
        return Task.FromResult(result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(EmbeddingGeneratorMetadata) && !NoMetadata ? new EmbeddingGeneratorMetadata("fake", Provider, ModelId) : null;

    public void Dispose()
    {
    }
}
