using System.Globalization;
using GapLens.Core;
using GapLens.Core.Config;
using GapLens.Endpoints;

namespace GapLens.Jobs.VideoQa;

/// <summary>Options of <c>gaplens videoqa run</c>: the questions, frames and embeddings, the model endpoint,
/// the text encoder for similarity queries, the agent's limits and where the results go.</summary>
/// <param name="Data">The questions: a JSON array or LVBench's video_info.meta.jsonl.</param>
/// <param name="Frames">&lt;frames&gt;/&lt;key&gt;/frame_&lt;N&gt;.jpg (videoqa prepare's frames/).</param>
/// <param name="Embeddings">&lt;embeddings&gt;/&lt;key&gt;.safetensors|.pt|.npy (videoqa prepare's embeddings/).</param>
/// <param name="BaseUrl">The model's OpenAI-compatible endpoint.</param>
/// <param name="OutDir">The run folder: results.jsonl, errors.jsonl, _runs/, report/.</param>
public sealed record RunVideoQaOptions(string Data, string Frames, string Embeddings, string BaseUrl, string OutDir) : IJobOptions
{
    public const int MaxConcurrency = 256;

    public string? Model { get; init; }

    public string ApiKeyEnv { get; init; } = "OPENAI_API_KEY";

    public int Concurrency { get; init; } = 8;

    public int MaxRounds { get; init; } = 10;

    public int TopK { get; init; } = 5;

    public int? ImageMaxSide { get; init; }

    public int JpegQuality { get; init; } = 90;

    public bool FrameLabels { get; init; }

    /// <summary>The frames' sampling rate; null: the embeddings files' "fps" metadata, else 1.</summary>
    public double? Fps { get; init; }

    /// <summary>SigLIP's text tower in ONNX (with <see cref="Tokenizer"/>), for similarity queries.</summary>
    public string? TextModel { get; init; }

    public string? Tokenizer { get; init; }

    /// <summary>max_length (SigLIP's training) or longest (the reference script).</summary>
    public string TextPadding { get; init; } = "max_length";

    public int Threads { get; init; }

    /// <summary>An OpenAI-compatible /v1/embeddings endpoint for similarity queries instead of an ONNX tower.</summary>
    public string? EmbeddingsUrl { get; init; }

    public string? EmbeddingsModel { get; init; }

    public string EmbeddingsApiKeyEnv { get; init; } = "OPENAI_API_KEY";

    /// <summary>Problems found in the data stop the run (exit 2) instead of leaving the items out.</summary>
    public bool Strict { get; init; }

    public double TimeoutSeconds { get; init; } = 120;

    public int Retries { get; init; } = 5;

    public double MaxWaitSeconds { get; init; } = 60;

    /// <summary>Tolerance around the reference window for a retrieval hit, in seconds.</summary>
    public double ToleranceSeconds { get; init; } = GapLens.Video.Metrics.RetrievalScoring.DefaultToleranceSeconds;

    /// <summary>Leave out the report at the end (videoqa metrics makes it from the results at any time).</summary>
    public bool NoReport { get; init; }

    /// <summary>The range of <see cref="ImageMaxSide"/>: the same pixels as prepare's --max-side.</summary>
    public static readonly ValueRange ImageMaxSideRange = ValueRange.Integers(16, 8192) with { Note = "pixels", NullMeans = "send the frames as they are" };

    public static readonly ValueRange ConcurrencyRange = ValueRange.Integers(1, MaxConcurrency);
    public static readonly ValueRange MaxRoundsRange = ValueRange.Integers(0, 100);
    public static readonly ValueRange TopKRange = ValueRange.Integers(1, 50);
    public static readonly ValueRange JpegQualityRange = ValueRange.Integers(1, 100);
    public static readonly ValueRange FpsRange = ValueRange.AboveUpTo(0, 60) with { NullMeans = "the embeddings files' fps, else 1" };
    public static readonly ValueRange ThreadsRange = ValueRange.Integers(0, 256) with { Note = "0: ONNX Runtime's default" };
    public static readonly ValueRange ToleranceRange = ValueRange.Closed(0, 3600) with { Note = "seconds" };
    public static readonly ValueRange TimeoutRange = ValueRange.AboveUpTo(0, 3600);
    public static readonly ValueRange RetriesRange = ValueRange.Integers(0, 20);
    public static readonly ValueRange MaxWaitRange = ValueRange.Closed(0, 3600);

    public IEnumerable<BoundedValue> Numbers() =>
    [
        new("--concurrency", Concurrency, ConcurrencyRange),
        new("--max-rounds", MaxRounds, MaxRoundsRange),
        new("--top-k", TopK, TopKRange),
        new("--image-max-side", ImageMaxSide, ImageMaxSideRange),
        new("--jpeg-quality", JpegQuality, JpegQualityRange),
        new("--fps", Fps, FpsRange),
        new("--threads", Threads, ThreadsRange),
        new("--tolerance", ToleranceSeconds, ToleranceRange),
        new("--timeout", TimeoutSeconds, TimeoutRange),
        new("--retries", Retries, RetriesRange),
        new("--max-wait", MaxWaitSeconds, MaxWaitRange),
    ];

    public void Validate()
    {
        BoundedValue.CheckAll(Numbers());
        if (TextPadding is not ("max_length" or "longest")) throw new UserInputException($"--text-padding must be max_length or longest, got '{TextPadding}'");
        bool onnx = TextModel is not null || Tokenizer is not null;
        if (onnx && EmbeddingsUrl is not null) throw new UserInputException("give either --text-model with --tokenizer (a local ONNX text tower) or --embeddings-url, not both");
        if (onnx && (TextModel is null || Tokenizer is null)) throw new UserInputException("--text-model and --tokenizer go together: the SigLIP text tower in ONNX and its spiece.model");
        if (!onnx && EmbeddingsUrl is null) throw new UserInputException("similarity queries need a text encoder: --text-model text_model.onnx --tokenizer spiece.model, or --embeddings-url URL (see docs/videoqa.md)");
        Endpoint().Validate();
        if (EmbeddingsUrl is not null) EmbeddingsEndpoint()!.Validate();
    }

    public EndpointOptions Endpoint() => new(BaseUrl)
    {
        Model = Model,
        ApiKeyEnv = ApiKeyEnv,
        AttemptTimeout = TimeSpan.FromSeconds(TimeoutSeconds),
        MaxRetries = Retries,
        MaxWait = TimeSpan.FromSeconds(MaxWaitSeconds),
    };

    public EndpointOptions? EmbeddingsEndpoint() => EmbeddingsUrl is null ? null : new EndpointOptions(EmbeddingsUrl)
    {
        Model = EmbeddingsModel,
        ApiKeyEnv = EmbeddingsApiKeyEnv,
        Flags = GapLens.Endpoints.EndpointFlags.Embeddings,
        AttemptTimeout = TimeSpan.FromSeconds(TimeoutSeconds),
        MaxRetries = Retries,
        MaxWait = TimeSpan.FromSeconds(MaxWaitSeconds),
    };

    public IEnumerable<KeyValuePair<string, string?>> Describe()
    {
        var ic = CultureInfo.InvariantCulture;
        return
        [
            new("data", Data),
            new("frames", Frames),
            new("embeddings", Embeddings),
            new("base_url", BaseUrl),
            new("model", Model),
            new("api_key_env", ApiKeyEnv),
            new("out", OutDir),
            new("concurrency", Concurrency.ToString(ic)),
            new("max_rounds", MaxRounds.ToString(ic)),
            new("top_k", TopK.ToString(ic)),
            new("image_max_side", ImageMaxSide?.ToString(ic)),
            new("jpeg_quality", JpegQuality.ToString(ic)),
            new("frame_labels", FrameLabels ? "true" : "false"),
            new("fps", Fps?.ToString("R", ic)),
            new("text_model", TextModel),
            new("tokenizer", Tokenizer),
            new("text_padding", TextPadding),
            new("threads", Threads.ToString(ic)),
            new("embeddings_url", EmbeddingsUrl),
            new("embeddings_model", EmbeddingsModel),
            new("embeddings_api_key_env", EmbeddingsApiKeyEnv),
            new("strict", Strict ? "true" : "false"),
            new("timeout_seconds", TimeoutSeconds.ToString("R", ic)),
            new("retries", Retries.ToString(ic)),
            new("max_wait_seconds", MaxWaitSeconds.ToString("R", ic)),
            new("tolerance_seconds", ToleranceSeconds.ToString("R", ic)),
            new("no_report", NoReport ? "true" : "false"),
        ];
    }
}
