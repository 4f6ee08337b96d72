namespace GapLens.Video.Encoders;

/// <summary>How an embeddings-endpoint encoder batches its requests.</summary>
/// <param name="MaxBatchSize">Inputs per request.</param>
/// <param name="Name">How the endpoint is named in identities and errors, e.g. "http://host/v1 model-x";
/// null = the generator's own metadata.</param>
public sealed record GeneratorEncoderOptions(int MaxBatchSize = 64, string? Name = null);
