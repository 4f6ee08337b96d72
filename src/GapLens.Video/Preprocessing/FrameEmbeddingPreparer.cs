using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using GapLens.Core;
using GapLens.IO.Embeddings;
using GapLens.IO.Files;
using GapLens.IO.Tensors;
using GapLens.Video.Encoders;
using GapLens.Video.Frames;

namespace GapLens.Video.Preprocessing;

/// <summary>
/// Computes the frame embeddings of videos, <c>frames/&lt;key&gt;/frame_&lt;N&gt;.jpg</c> into
/// <c>embeddings/&lt;key&gt;.safetensors</c> (tensor "embeddings" [frames, dim] in frame-number order;
/// metadata "filenames" = JSON list of the frame files, "encoder" = the encoder's identity, "fps" when
/// known). Frames are encoded in batches and streamed to a hidden temporary file that is renamed into
/// place only when complete, so a killed run leaves no file that looks finished. Resumable per video: a
/// file whose filenames and encoder match the folder is skipped; anything else (a different frame
/// list or encoder, an unreadable or truncated file) is redone, and temporaries left by a killed run
/// are removed. A problem with one video is its outcome; the other videos go on.
/// </summary>
public static class FrameEmbeddingPreparer
{
    public const string EncoderKey = "encoder";
    public const string FpsKey = "fps";

    /// <summary>Prepares every video folder under <paramref name="framesRoot"/>, up to
    /// <see cref="PrepareOptions.Concurrency"/> at once, reporting progress after each batch.</summary>
    public static async Task<PrepareSummary> PrepareAllAsync(string framesRoot, string embeddingsDir, IImageEncoder encoder, PrepareOptions options, Action<PrepareProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(framesRoot)) throw new UserInputException($"frames folder {framesRoot} not found (expected <frames>/<key>/frame_<N>.jpg)");
        var keys = Directory.EnumerateDirectories(framesRoot).Select(Path.GetFileName).OfType<string>()
            .Where(k => !k.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        OutputFolder.Create(embeddingsDir, "embeddings folder");
        var outcomes = new VideoPrepareOutcome[keys.Count];
        int done = 0;
        long frames = 0;
        var gate = new object();
        void Report()
        {
            if (progress is null) return;
            lock (gate) progress(new PrepareProgress(Volatile.Read(ref done), keys.Count, Interlocked.Read(ref frames)));
        }
        await Parallel.ForEachAsync(Enumerable.Range(0, keys.Count), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = cancellationToken }, async (i, ct) =>
        {
            outcomes[i] = await PrepareVideoAsync(Path.Combine(framesRoot, keys[i]), embeddingsDir, encoder, options, n =>
            {
                Interlocked.Add(ref frames, n);
                Report();
            }, ct).ConfigureAwait(false);
            Interlocked.Increment(ref done);
            Report();
        }).ConfigureAwait(false);
        return new PrepareSummary([.. outcomes]);
    }

    /// <summary>Prepares one video's frames folder (its name is the key); <paramref name="framesEncoded"/>
    /// is called with the size of each batch written.</summary>
    public static async Task<VideoPrepareOutcome> PrepareVideoAsync(string videoFramesDir, string embeddingsDir, IImageEncoder encoder, PrepareOptions options, Action<int>? framesEncoded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        string key = Path.GetFileName(Path.TrimEndingDirectorySeparator(videoFramesDir));
        string target = Path.Combine(embeddingsDir, key + ".safetensors");
        VideoFrames frames;
        try
        {
            frames = VideoFrames.Scan(videoFramesDir);
        }
        catch (UserInputException ex)
        {
            return new VideoPrepareOutcome(key, PrepareStatus.Failed, 0, target, ex.Message);
        }
        if (frames.Frames.IsEmpty) return new VideoPrepareOutcome(key, PrepareStatus.Failed, 0, target, $"no frame_<N>.jpg in {videoFramesDir}");
        var names = frames.Frames.Select(f => f.FileName).ToImmutableArray();
        string? redo = File.Exists(target) ? WhyRedo(target, names, encoder.Identity) : null;
        if (File.Exists(target) && redo is null) return new VideoPrepareOutcome(key, PrepareStatus.Skipped, names.Length, target, null);
        Directory.CreateDirectory(embeddingsDir);
        RemoveLeftovers(embeddingsDir, key + ".safetensors");
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [FrameEmbeddingFiles.FilenamesKey] = FrameEmbeddingFiles.FormatFilenames(names),
            [EncoderKey] = encoder.Identity,
        };
        if (options.Fps is { } fps) metadata[FpsKey] = fps.ToString("R", CultureInfo.InvariantCulture);
        SafetensorsWriter? writer = null;
        try
        {
            for (int start = 0; start < names.Length; start += options.BatchSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = frames.Frames.Skip(start).Take(options.BatchSize).Select(f => f.Path).ToList();
                var vectors = await encoder.EncodeAsync(batch, cancellationToken).ConfigureAwait(false);
                if (vectors.Count != batch.Count) throw new UserInputException($"{encoder.Identity} returned {vectors.Count} embeddings for {batch.Count} frames");
                writer ??= SafetensorsWriter.Create(target, [new SafetensorsTensorSpec(FrameEmbeddingFiles.MatrixName, options.StoreAs, [names.Length, vectors[0].Length])], metadata);
                foreach (var v in vectors)
                {
                    if (v.Length != vectors[0].Length) throw new UserInputException($"{encoder.Identity} returned embeddings of different dimensions");
                    writer.Append(v);
                }
                framesEncoded?.Invoke(batch.Count);
            }
            writer!.Commit();
            return new VideoPrepareOutcome(key, PrepareStatus.Written, names.Length, target, redo);
        }
        catch (UserInputException ex)
        {
            return new VideoPrepareOutcome(key, PrepareStatus.Failed, names.Length, target, ex.Message);
        }
        catch (GapLens.Endpoints.EndpointException ex) when (ex is not GapLens.Endpoints.EndpointUnavailableException)
        {
            // A call that failed after its retries fails this video; an endpoint that cannot be used
            // at all (a rejected key, no such model, unreachable) stops the run (the job words it).
            return new VideoPrepareOutcome(key, PrepareStatus.Failed, names.Length, target, ex.Message);
        }
        catch (InvalidOperationException ex) when (writer is not null)
        {
            // The encoder changed its dimension between batches: the writer refuses the extra values.
            return new VideoPrepareOutcome(key, PrepareStatus.Failed, names.Length, target, ex.Message);
        }
        finally
        {
            writer?.Dispose();
        }
    }

    /// <summary>Null when the existing file is finished for these frames and this encoder; else why not.</summary>
    private static string? WhyRedo(string target, ImmutableArray<string> names, string encoder)
    {
        try
        {
            using var file = FrameEmbeddings.Open(target);
            if (!file.Filenames.SequenceEqual(names, StringComparer.Ordinal)) return $"{target} was made from another frame list ({file.Rows} frames, the folder has {names.Length})";
            string? was = file.Metadata.GetValueOrDefault(EncoderKey);
            return was == encoder ? null : $"{target} was made by {was ?? "an unknown encoder"}, not {encoder}";
        }
        catch (UserInputException ex)
        {
            return $"the existing file is unreadable ({ex.Message})";
        }
    }

    private static void RemoveLeftovers(string dir, string fileName)
    {
        foreach (string f in Directory.EnumerateFiles(dir, "." + fileName + ".*.tmp"))
        {
            try
            {
                File.Delete(f);
            }
            catch (IOException)
            {
                // Another process may still hold it; its rename or cleanup decides.
            }
        }
    }
}
