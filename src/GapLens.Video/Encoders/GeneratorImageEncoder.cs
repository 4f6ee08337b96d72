using GapLens.Core;
using Microsoft.Extensions.AI;

namespace GapLens.Video.Encoders;

/// <summary>
/// Image embeddings from an embeddings endpoint that accepts images as base64 data URLs in its
/// string inputs (<c>data:image/jpeg;base64,...</c>), through an injected
/// <see cref="IEmbeddingGenerator{TInput, TEmbedding}"/>. Batched, L2-normalised.
/// </summary>
public sealed class GeneratorImageEncoder(IEmbeddingGenerator<string, Embedding<float>> generator, GeneratorEncoderOptions? options = null) : IImageEncoder
{
    private readonly GeneratorEncoding _encoding = new(generator ?? throw new ArgumentNullException(nameof(generator)), options ?? new GeneratorEncoderOptions(MaxBatchSize: 16));

    /// <summary>The kind and the model id (never the endpoint's address: see <see cref="GeneratorEncoding.Model"/>).</summary>
    public string Identity => "embeddings-endpoint-image:" + _encoding.Model;

    public async Task<IReadOnlyList<float[]>> EncodeAsync(IReadOnlyList<string> imagePaths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(imagePaths);
        var urls = new List<string>(imagePaths.Count);
        foreach (string path in imagePaths)
        {
            byte[] bytes;
            try
            {
                bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new UserInputException($"image {path} cannot be read: {ex.Message}");
            }
            urls.Add($"data:{MediaType(path)};base64,{Convert.ToBase64String(bytes)}");
        }
        return await _encoding.EncodeAsync(urls, cancellationToken).ConfigureAwait(false);
    }

    private static string MediaType(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".webp" => "image/webp",
        _ => "image/jpeg",
    };
}
