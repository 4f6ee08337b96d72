using System.Globalization;

namespace GapLens.Video.Encoders;

/// <summary>
/// SigLIP's text tower exported to ONNX (input_ids int64 [batch, sequence] -> pooler_output float
/// [batch, dim]), run in-process with ONNX Runtime, with <see cref="SiglipTokenizer"/>. Texts are
/// padded to 64 tokens by default (<see cref="TextPadding.MaxLength"/>, as SigLIP was trained); the
/// reference script's pad-to-longest is <see cref="TextPadding.Longest"/>. Batched, thread-safe: create
/// one per process and share it. Embeddings are L2-normalised.
/// </summary>
public sealed class OnnxTextEncoder : ITextEncoder, IDisposable
{
    private readonly OnnxTower _tower;
    private readonly SiglipTokenizer _tokenizer;
    private readonly OnnxEncoderOptions _options;

    private OnnxTextEncoder(OnnxTower tower, SiglipTokenizer tokenizer, TextPadding padding, OnnxEncoderOptions options)
    {
        _tower = tower;
        _tokenizer = tokenizer;
        Padding = padding;
        _options = options;
        Identity = string.Create(CultureInfo.InvariantCulture,
            $"siglip-onnx-text:{Path.GetFileName(tower.Path)}:{new FileInfo(tower.Path).Length}:padding={(padding == TextPadding.MaxLength ? "max_length" : "longest")}:{tokenizer.MaxLength}");
    }

    public string Identity { get; }

    public TextPadding Padding { get; }

    public SiglipTokenizer Tokenizer => _tokenizer;

    /// <summary>The embedding size when the model declares it.</summary>
    public int? Dimension => _tower.Dimension;

    /// <summary>Loads the text tower and the SentencePiece model; user errors name a missing or
    /// unsuitable file.</summary>
    public static OnnxTextEncoder Create(string textModel, string spieceModel, TextPadding padding = TextPadding.MaxLength, OnnxEncoderOptions? options = null)
    {
        options ??= new OnnxEncoderOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxBatchSize, 1);
        var tokenizer = SiglipTokenizer.Load(spieceModel);
        var tower = OnnxTower.Load(textModel, options.InputName ?? "input_ids", typeof(long), options.OutputName, options.IntraOpThreads, "text model");
        return new OnnxTextEncoder(tower, tokenizer, padding, options);
    }

    /// <summary>Runs on the thread pool (tokenising and inference are CPU work).</summary>
    public Task<IReadOnlyList<float[]>> EncodeAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return Task.Run(() => Encode(texts, cancellationToken), cancellationToken);
    }

    /// <summary>The same, on the calling thread.</summary>
    public IReadOnlyList<float[]> Encode(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        // With pad-to-longest the whole request is one batch, so a text's padding (and embedding)
        // depends only on the request, not on where a batch boundary falls.
        int batch = Padding == TextPadding.Longest ? Math.Max(1, texts.Count) : _options.MaxBatchSize;
        var result = _tower.RunBatches(texts.Count, batch, (start, n) =>
        {
            var (ids, length) = _tokenizer.EncodeBatch([.. texts.Skip(start).Take(n)], Padding);
            return (ids, new long[] { n, length });
        }, cancellationToken);
        return result;
    }

    public void Dispose() => _tower.Dispose();
}
