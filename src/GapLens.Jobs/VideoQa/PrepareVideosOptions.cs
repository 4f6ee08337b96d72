using System.Globalization;
using GapLens.Core;
using GapLens.Core.Config;

namespace GapLens.Jobs.VideoQa;

/// <summary>Options of <c>gaplens videoqa prepare</c>: where the videos are, where frames and embeddings go, how.</summary>
/// <param name="VideosDir">A folder of videos (one file per video; the key is the file name without its extension).</param>
/// <param name="OutDir">Receives frames/&lt;key&gt;/frame_&lt;N&gt;.jpg and embeddings/&lt;key&gt;.safetensors.</param>
/// <param name="Fps">Frames sampled per second (frame N shows t = N / fps; at 1, N is the second).</param>
/// <param name="ImageModel">The SigLIP vision tower as ONNX; null extracts frames only.</param>
/// <param name="Threads">ONNX Runtime intra-op threads (0: its default).</param>
/// <param name="BatchSize">Frames per encoder call.</param>
/// <param name="Dtype">Stored element type: float32, float16 or bfloat16.</param>
/// <param name="Concurrency">Videos processed at once.</param>
/// <param name="JpegQuality">ffmpeg's JPEG quality, 2 (best) to 31.</param>
/// <param name="EmbeddingsUrl">An OpenAI-compatible /v1/embeddings endpoint that embeds images (sent as
/// data URLs) instead of <paramref name="ImageModel"/>; null: none.</param>
/// <param name="EmbeddingsModel">The model id at <paramref name="EmbeddingsUrl"/>; null: its first listed model.</param>
/// <param name="EmbeddingsApiKeyEnv">The environment variable holding the key of <paramref name="EmbeddingsUrl"/>.</param>
/// <param name="MaxSide">Frames larger than this many pixels on their longest side are scaled down by ffmpeg
/// as they are extracted (aspect kept; smaller frames untouched); null: the video's own size. Frames
/// prepared at the size <c>videoqa run --image-max-side</c> asks for are sent as they are, with no
/// decode and re-encode per request.</param>
public sealed record PrepareVideosOptions(
    string VideosDir,
    string OutDir,
    double Fps = 1,
    string? ImageModel = null,
    int Threads = 0,
    int BatchSize = 32,
    string Dtype = "float32",
    int Concurrency = 1,
    int JpegQuality = 2,
    string? EmbeddingsUrl = null,
    string? EmbeddingsModel = null,
    string EmbeddingsApiKeyEnv = "OPENAI_API_KEY",
    int? MaxSide = null) : IJobOptions
{
    public static readonly IReadOnlyList<string> Dtypes = ["float32", "float16", "bfloat16"];

    public static readonly ValueRange FpsRange = ValueRange.AboveUpTo(0, 60);
    public static readonly ValueRange ThreadsRange = ValueRange.Integers(0, 256) with { Note = "0: ONNX Runtime's default" };
    public static readonly ValueRange BatchRange = ValueRange.Integers(1, 1024);
    public static readonly ValueRange ConcurrencyRange = ValueRange.Integers(1, 64);
    public static readonly ValueRange MaxSideRange = ValueRange.Integers(16, 8192) with { Note = "pixels", NullMeans = "the video's own size" };
    public static readonly ValueRange JpegQualityRange = ValueRange.Integers(2, 31) with { Note = "2 is best" };

    public IEnumerable<BoundedValue> Numbers() =>
    [
        new("--fps", Fps, FpsRange),
        new("--threads", Threads, ThreadsRange),
        new("--batch", BatchSize, BatchRange),
        new("--concurrency", Concurrency, ConcurrencyRange),
        new("--jpeg-quality", JpegQuality, JpegQualityRange),
        new("--max-side", MaxSide, MaxSideRange),
    ];

    public void Validate()
    {
        BoundedValue.CheckAll(Numbers());
        if (!Dtypes.Contains(Dtype)) throw new UserInputException($"--dtype must be one of {string.Join(", ", Dtypes)}, got '{Dtype}'");
        if (ImageModel is not null && EmbeddingsUrl is not null) throw new UserInputException("give either --image-model (a local ONNX vision tower) or --embeddings-url, not both");
        if (EmbeddingsModel is not null && EmbeddingsUrl is null) throw new UserInputException("--embeddings-model needs --embeddings-url");
        EmbeddingsEndpoint()?.Validate();
    }

    /// <summary>The embeddings endpoint's options (retries, fail-fast on 401), or null without --embeddings-url.</summary>
    public GapLens.Endpoints.EndpointOptions? EmbeddingsEndpoint() => EmbeddingsUrl is null ? null : new(EmbeddingsUrl)
    {
        Model = EmbeddingsModel,
        ApiKeyEnv = EmbeddingsApiKeyEnv,
        Flags = GapLens.Endpoints.EndpointFlags.PrepareEmbeddings,
    };

    public IEnumerable<KeyValuePair<string, string?>> Describe() =>
    [
        new("videos", VideosDir),
        new("out", OutDir),
        new("fps", Fps.ToString("R", CultureInfo.InvariantCulture)),
        new("image_model", ImageModel),
        new("threads", Threads.ToString(CultureInfo.InvariantCulture)),
        new("batch", BatchSize.ToString(CultureInfo.InvariantCulture)),
        new("dtype", Dtype),
        new("concurrency", Concurrency.ToString(CultureInfo.InvariantCulture)),
        new("jpeg_quality", JpegQuality.ToString(CultureInfo.InvariantCulture)),
        new("embeddings_url", EmbeddingsUrl),
        new("embeddings_model", EmbeddingsModel),
        new("embeddings_api_key_env", EmbeddingsApiKeyEnv),
        new("max_side", MaxSide?.ToString(CultureInfo.InvariantCulture)),
    ];
}
