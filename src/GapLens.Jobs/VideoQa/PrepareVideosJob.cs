using System.Collections.Concurrent;
using System.Globalization;
using GapLens.Core;
using GapLens.Endpoints;
using GapLens.IO.Files;
using GapLens.IO.Json;
using GapLens.IO.Media;
using GapLens.IO.Tensors;
using GapLens.Video.Encoders;
using GapLens.Video.Preprocessing;

namespace GapLens.Jobs.VideoQa;

/// <summary>
/// <c>gaplens videoqa prepare</c>: every video of a folder sampled with ffmpeg into
/// <c>frames/&lt;key&gt;/frame_&lt;N&gt;.jpg</c>, then (with an image model) its frame embeddings into
/// <c>embeddings/&lt;key&gt;.safetensors</c>. Resumable per video: a video's frames appear by an atomic
/// folder rename (a killed extraction leaves only a hidden temporary, removed by the next run), a
/// finished folder is skipped, and the embeddings step skips finished files and redoes half-written
/// ones. A video that cannot be read is reported and the others go on; any failed video fails the
/// run's gate (exit 1) with the list. The run is recorded in <c>&lt;out&gt;/_runs/</c>.
/// </summary>
public sealed class PrepareVideosJob : IJob<PrepareVideosOptions>
{
    public static readonly IReadOnlySet<string> VideoExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        ".mp4", ".mkv", ".webm", ".avi", ".mov", ".m4v", ".mpg", ".mpeg", ".flv", ".ts", ".wmv",
    };

    public string Name => "videoqa prepare";

    public async Task<JobOutcome> RunAsync(PrepareVideosOptions options, JobContext ctx, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ctx);
        options.Validate();
        string videosDir = ctx.Absolute(options.VideosDir);
        string outDir = ctx.Absolute(options.OutDir);
        string? model = options.ImageModel is { } m ? ctx.Absolute(m) : null;
        if (!Directory.Exists(videosDir)) throw new UserInputException($"--videos: folder not found: {videosDir}");
        if (model is not null && !File.Exists(model)) throw new UserInputException($"--image-model: file not found: {model} (the SigLIP vision tower exported to ONNX; see docs/videoqa.md)");
        var videos = Directory.EnumerateFiles(videosDir).Where(f => VideoExtensions.Contains(Path.GetExtension(f)) && !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal).ToList();
        if (videos.Count == 0) throw new UserInputException($"--videos: no video files in {videosDir} (expected {string.Join(", ", VideoExtensions.Order(StringComparer.Ordinal))})");
        var duplicate = videos.GroupBy(v => Path.GetFileNameWithoutExtension(v), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new UserInputException($"--videos: two videos share the key '{duplicate.Key}' ({string.Join(", ", duplicate.Select(Path.GetFileName))}); keys are file names without the extension");

        ctx.Record.AddInput(videosDir, "videos");
        if (model is not null) ctx.Record.AddInput(model, "image_model");
        string framesRoot = Path.Combine(outDir, "frames");
        string embeddingsDir = Path.Combine(outDir, "embeddings");
        string settings = ExtractionSettings(options);
        string settingsFile = Path.Combine(framesRoot, ExtractionSettingsName);
        if (File.Exists(settingsFile) && File.ReadAllText(settingsFile).Trim() is var earlier && earlier != settings.Trim()
            && videos.Any(v => Directory.Exists(Path.Combine(framesRoot, Path.GetFileNameWithoutExtension(v)))))
        {
            throw new UserInputException($"--out {outDir}: its frames were extracted with {earlier.ReplaceLineEndings(", ")}; this run asks {settings.Trim().ReplaceLineEndings(", ")}: prepare into a new --out, or delete {framesRoot} to extract them again");
        }
        OutputFolder.Create(outDir, "--out");
        Directory.CreateDirectory(framesRoot);
        AtomicFile.WriteText(settingsFile, settings);
        string runFile = Path.Combine(outDir, "_runs", ctx.Record.StartedUtc.ToString("yyyy-MM-dd_HHmmss_fff", CultureInfo.InvariantCulture) + ".json");
        AtomicFile.Write(runFile, RunManifestJson.Serialize(ctx.Record.ToManifest([], [], null)));
        TempFiles.RemoveOrphans(framesRoot, maxDepth: 0); // extraction folders of killed runs

        var failures = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        int done = 0, extracted = 0, skipped = 0;
        ctx.Progress?.Begin("Extracting frames", "videos");
        await Parallel.ForEachAsync(videos, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = ct }, async (video, token) =>
        {
            string key = Path.GetFileNameWithoutExtension(video);
            string dir = Path.Combine(framesRoot, key);
            if (Directory.Exists(dir))
            {
                Interlocked.Increment(ref skipped);
            }
            else
            {
                string temp = Path.Combine(framesRoot, TempFiles.NameFor(key));
                try
                {
                    var (frames, error) = await FfmpegFrames.ExtractAtFpsAsync(video, options.Fps, temp, options.JpegQuality, options.MaxSide, token).ConfigureAwait(false);
                    if (error is not null)
                    {
                        failures[key] = $"cannot read {video}: {error}";
                        ctx.Log.Warning($"{key}: cannot read {video}: {error}");
                    }
                    else
                    {
                        Directory.Move(temp, dir);
                        Interlocked.Increment(ref extracted);
                        ctx.Log.Debug($"{key}: {frames} frames at {options.Fps.ToString("R", CultureInfo.InvariantCulture)} fps");
                    }
                }
                finally
                {
                    if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
                }
            }
            ctx.Progress?.Report(Interlocked.Increment(ref done), videos.Count);
        }).ConfigureAwait(false);

        PrepareSummary? embedded = null;
        if (model is not null || options.EmbeddingsUrl is not null)
        {
            ctx.Progress?.Begin("Embedding frames", "videos");
            using var endpoint = options.EmbeddingsEndpoint() is { } eo ? await ModelEndpoint.ConnectAsync(eo, ctx.Log, ct).ConfigureAwait(false) : null;
            using var onnx = model is not null ? OnnxImageEncoder.Create(model, new OnnxEncoderOptions(IntraOpThreads: options.Threads, MaxBatchSize: options.BatchSize)) : null;
            IImageEncoder encoder = onnx ?? (IImageEncoder)new GeneratorImageEncoder(endpoint!.CreateEmbeddingGenerator(options.EmbeddingsModel));
            var prepare = new PrepareOptions(options.BatchSize, DType(options.Dtype), options.Concurrency, options.Fps);
            try
            {
                embedded = await FrameEmbeddingPreparer.PrepareAllAsync(framesRoot, embeddingsDir, encoder, prepare, p =>
                {
                    ctx.Progress?.Detail(string.Create(CultureInfo.InvariantCulture, $"{p.FramesEncoded:#,0} frames encoded"));
                    ctx.Progress?.Report(p.VideosDone, p.VideosTotal);
                }, ct).ConfigureAwait(false);
            }
            catch (EndpointUnavailableException ex)
            {
                // Every later call would fail alike: one line, exit 2. Embeddings written before stay
                // (each file is complete or absent); a rerun skips them.
                throw new UserInputException($"{ex.Message}; embeddings of the videos done before are kept, a rerun skips them", ex);
            }
            foreach (var v in embedded.Videos.Where(v => v.Status == PrepareStatus.Failed && !failures.ContainsKey(v.Key)))
            {
                failures[v.Key] = v.Error ?? "embedding failed";
                ctx.Log.Warning($"{v.Key}: {v.Error}");
            }
        }

        string headline = string.Create(CultureInfo.InvariantCulture,
            $"{videos.Count} videos: frames extracted for {extracted}, already there for {skipped}, failed for {failures.Count}") +
            (embedded is null ? "; no --image-model or --embeddings-url, so no embeddings" : string.Create(CultureInfo.InvariantCulture, $"; embeddings written for {embedded.Written}, up to date for {embedded.Skipped}"));
        ctx.Log.Info(headline);
        var outcome = failures.IsEmpty
            ? JobOutcome.Ok([framesRoot, .. embedded is null ? Array.Empty<string>() : [embeddingsDir]], headline)
            : JobOutcome.GateFailed($"{failures.Count} of {videos.Count} videos failed (the others are ready): " +
                string.Join("; ", failures.OrderBy(f => f.Key, StringComparer.Ordinal).Take(10).Select(f => $"{f.Key}: {f.Value}")) + (failures.Count > 10 ? "; ..." : ""),
                [framesRoot]) with { Headline = headline };
        var inputs = await ctx.Record.InputsAsync(ct).ConfigureAwait(false);
        AtomicFile.Write(runFile, RunManifestJson.Serialize(ctx.Record.ToManifest(inputs, [], RunRecord.ResultOf(outcome))));
        return outcome;
    }

    /// <summary>frames/_extraction.txt: how the frames were extracted (fps, JPEG quality, max side), so a
    /// rerun asking for other frames is refused instead of silently keeping the old ones.</summary>
    public const string ExtractionSettingsName = "_extraction.txt";

    private static string ExtractionSettings(PrepareVideosOptions o) => string.Create(CultureInfo.InvariantCulture,
        $"fps {o.Fps:R}\njpeg quality {o.JpegQuality}\nmax side {(o.MaxSide is { } side ? side.ToString(CultureInfo.InvariantCulture) : "none")}\n");

    private static TensorDType DType(string name) => name switch
    {
        "float16" => TensorDType.Float16,
        "bfloat16" => TensorDType.BFloat16,
        _ => TensorDType.Float32,
    };
}
