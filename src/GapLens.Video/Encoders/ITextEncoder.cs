namespace GapLens.Video.Encoders;

/// <summary>Turns texts (retrieval queries) into L2-normalised embeddings. Thread-safe.</summary>
public interface ITextEncoder
{
    /// <summary>What produced the embeddings (model file or endpoint and model, and settings that
    /// change them), for manifests and for telling stale outputs apart.</summary>
    string Identity { get; }

    /// <summary>One unit-length vector per text, in order.</summary>
    Task<IReadOnlyList<float[]>> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken);
}
