using System.Globalization;
using GapLens.Core;

namespace GapLens.Video.Encoders;

/// <summary>
/// SigLIP's vision tower exported to ONNX (pixel_values float [batch, 3, 384, 384] -> pooler_output
/// float [batch, dim]) with <see cref="SiglipImagePreprocessor"/>; images of a batch are decoded in
/// parallel, then run together. Thread-safe: create one per process and share it. L2-normalised.
/// </summary>
public sealed class OnnxImageEncoder : IImageEncoder, IDisposable
{
    private readonly OnnxTower _tower;
    private readonly OnnxEncoderOptions _options;

    private OnnxImageEncoder(OnnxTower tower, OnnxEncoderOptions options)
    {
        _tower = tower;
        _options = options;
        Identity = string.Create(CultureInfo.InvariantCulture, $"siglip-onnx-vision:{Path.GetFileName(tower.Path)}:{new FileInfo(tower.Path).Length}:{SiglipImagePreprocessor.Size}");
    }

    public string Identity { get; }

    public int? Dimension => _tower.Dimension;

    public static OnnxImageEncoder Create(string visionModel, OnnxEncoderOptions? options = null)
    {
        options ??= new OnnxEncoderOptions(MaxBatchSize: 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        var tower = OnnxTower.Load(visionModel, options.InputName ?? "pixel_values", typeof(float), options.OutputName, options.IntraOpThreads, "vision model");
        return new OnnxImageEncoder(tower, options);
    }

    /// <summary>Runs on the thread pool (decoding and inference are CPU work).</summary>
    public Task<IReadOnlyList<float[]>> EncodeAsync(IReadOnlyList<string> imagePaths, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(imagePaths);
        return Task.Run(() => Encode(imagePaths, cancellationToken), cancellationToken);
    }

    private IReadOnlyList<float[]> Encode(IReadOnlyList<string> imagePaths, CancellationToken cancellationToken)
    {
        const int size = SiglipImagePreprocessor.Size;
        const int per = 3 * size * size;
        var result = _tower.RunBatches(imagePaths.Count, _options.MaxBatchSize, (start, n) =>
        {
            var pixels = new float[n * per];
            try
            {
                Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken },
                    i => SiglipImagePreprocessor.Load(imagePaths[start + i], pixels.AsSpan(i * per, per)));
            }
            catch (AggregateException ex) when (ex.InnerExceptions.FirstOrDefault(e => e is UserInputException) is { } user)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(user);
            }
            return (pixels, new long[] { n, 3, size, size });
        }, cancellationToken);
        return result;
    }

    public void Dispose() => _tower.Dispose();
}
